// The wizard's source page reads a file with a full dry run: once typing
// pauses, not at every key, and a path changed meanwhile cancels the run for
// the old one, whose answer never reaches the page.

#include "wizardtesthelpers.h"

#include "wizard/migrationwizard.h"
#include "wizard/sourcepage.h"

#include <QLabel>
#include <QLineEdit>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace WizardTest;

namespace {

// What the dry runs told the wizard's hook, from their worker threads.
struct DryRuns
{
    std::atomic<int> started{0};
    std::atomic<int> mapped{0};
    std::atomic<bool> holdFirst{false}; // the first run waits in the hook until released
    std::atomic<bool> released{false};

    MigrationWizard::BatchHook hook()
    {
        return [this](const QString &phase, int) {
            if (phase == u"dry-run-mapped"_s)
                ++mapped;
            if (phase != u"dry-run"_s)
                return;
            if (++started == 1 && holdFirst) {
                for (int waited = 0; !released && waited < 10000; waited += 5)
                    QThread::msleep(5);
            }
        };
    }
};

} // namespace

class SourcePageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { initTestEnvironment(u"sourcepagetest"_s); }

    void shouldReadTheFileOnceTypingPauses()
    {
        // Every path typed on the way is a good file: a, ab, abc.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        for (const QString &name : {u"a"_s, u"ab"_s, u"abc"_s})
            QVERIFY(!copyFixture(dir, u"todo_app_local_v1.db"_s, name).isEmpty());
        DryRuns runs;
        MigrationWizard wizard(Profile{}, nullptr, emptyHome(dir));
        wizard.setBatchHook(runs.hook());
        QVERIFY(openSourcePage(wizard));
        auto *path = child<QLineEdit>(wizard, u"sourcePath"_s);
        path->setText(dir.path() + u'/');
        path->setFocus();
        QTest::keyClicks(path, u"abc"_s); // faster than SourcePage::kCheckDelayMs
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QTest::qWait(SourcePage::kCheckDelayMs * 2); // time for any late run to show
        QCOMPARE(runs.started.load(), 1);
        QCOMPARE(runs.mapped.load(), 1);
        QCOMPARE(wizard.preview().source, dir.filePath(u"abc"_s));
    }

    void shouldCancelTheDryRunOfAnOldPath()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString oldPath = copyFixture(dir, u"todo_app_local_v1.db"_s, u"old.db"_s);
        const QString newPath = copyFixture(dir, u"todo_app_local_v2.db"_s, u"new.db"_s);
        DryRuns runs;
        runs.holdFirst = true;
        const auto release = qScopeGuard([&runs] { runs.released = true; });
        MigrationWizard wizard(Profile{}, nullptr, emptyHome(dir));
        wizard.setBatchHook(runs.hook());
        QVERIFY(openSourcePage(wizard));
        auto *path = child<QLineEdit>(wizard, u"sourcePath"_s);
        auto *status = child<QLabel>(wizard, u"sourceStatus"_s);

        path->setText(oldPath);
        QTRY_COMPARE(runs.started.load(), 1); // the old path's run, held
        path->setText(newPath);
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY2(status->text().contains(u"todo: 400 rows"_s), qPrintable(status->text()));
        QCOMPARE(runs.started.load(), 2);
        QCOMPARE(runs.mapped.load(), 1);

        // Let the old run go on: cancelled, it maps nothing, and its answer
        // never replaces the new one.
        runs.released = true;
        QTest::qWait(1000);
        QCOMPARE(runs.mapped.load(), 1);
        QVERIFY2(status->text().contains(u"todo: 400 rows"_s), qPrintable(status->text()));
        QCOMPARE(wizard.preview().source, newPath);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    }
};

QTEST_MAIN(SourcePageTest)
#include "sourcepagetest.moc"
