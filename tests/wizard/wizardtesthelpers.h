#pragma once

// Shared by the wizard tests: the fixtures, a home without the old app's
// file, and driving the wizard's pages with clicks.

#include "scratchdatabase.h"

#include "wizard/migrationwizard.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QSettings>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace WizardTest {

inline const QString kFixtures = QStringLiteral(TANDEM_MIGRATION_FIXTURES);

// For initTestCase(): test paths, and QSettings of this test only, empty.
inline void initTestEnvironment(const QString &testName)
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("tandem-tests"));
    QCoreApplication::setApplicationName(testName);
    QSettings().clear();
}

// No default location holds a file: the test gives the path.
inline QProcessEnvironment emptyHome(const QTemporaryDir &dir)
{
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), dir.filePath(QStringLiteral("home")));
    env.insert(QStringLiteral("XDG_DATA_HOME"), dir.filePath(QStringLiteral("home/.local/share")));
    return env;
}

inline QString copyFixture(const QTemporaryDir &dir, const QString &name,
                           const QString &as = QStringLiteral("todo_app_local.db"))
{
    const QString target = dir.filePath(as);
    QFile::remove(target);
    return QFile::copy(kFixtures + u'/' + name, target) ? target : QString();
}

inline void clickNext(QWizard &wizard)
{
    QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
}

template<typename T>
T *child(QWizard &wizard, const QString &name)
{
    return wizard.findChild<T *>(name);
}

// The scratch database of the test server, as the wizard's cloud.
inline Profile profileFor(const ScratchDatabase &cloud)
{
    Profile profile;
    QString error;
    const std::optional<ConnectionConfig> config = ConnectionConfig::parse(cloud.connectionString(), &error);
    if (config)
        profile.connection = *config;
    return profile;
}

// One number the cloud answers (a count), or -1.
inline qint64 cloudCount(const ScratchDatabase &cloud, const QString &sql)
{
    qint64 n = -1;
    {
        QSqlDatabase db = cloud.connection(QStringLiteral("wizardtest-count"));
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                n = q.value(0).toLongLong();
        }
    }
    QSqlDatabase::removeDatabase(QStringLiteral("wizardtest-count"));
    return n;
}

// Shows the wizard and goes on to the source page.
[[nodiscard]] inline bool openSourcePage(MigrationWizard &wizard)
{
    wizard.show();
    if (!QTest::qWaitForWindowExposed(&wizard))
        return false;
    clickNext(wizard);
    return wizard.currentId() == MigrationWizard::SourceId;
}

// Whether a thread of this process has this name (QThread gives the
// system thread its object name; Linux keeps 15 characters of it).
inline bool hasThreadNamed(const QByteArray &name)
{
    const QDir tasks(QStringLiteral("/proc/self/task"));
    for (const QString &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(task + QStringLiteral("/comm")));
        if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == name.left(15))
            return true;
    }
    return false;
}

} // namespace WizardTest
