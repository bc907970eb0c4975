#pragma once

// What the settings dialog's tests share: they find the dialog's widgets by
// object name and drive them as a person would.

#include "cloud/profile.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLineEdit>
#include <QStandardPaths>
#include <QString>
#include <QTemporaryDir>
#include <QTest>

namespace SyncSettingsDialogHelpers {

using namespace Qt::StringLiterals;

// A widget of the dialog by its object name; a missing one ends the run,
// since every test after it would only report the same.
template<typename T>
T *child(QObject *parent, const QString &name)
{
    T *found = parent->findChild<T *>(name);
    if (!found)
        qFatal("no child %s", qPrintable(name));
    return found;
}

// A person pastes text into the field: select all, Ctrl+V.
inline void paste(QLineEdit *edit, const QString &text)
{
    QApplication::clipboard()->setText(text);
    edit->setFocus();
    QTest::keyClick(edit, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(edit, Qt::Key_V, Qt::ControlModifier);
}

inline void chooseSslMode(QObject *dialog, const QString &mode)
{
    auto *combo = child<QComboBox>(dialog, u"sslModeCombo"_s);
    combo->setCurrentIndex(combo->findData(mode));
}

// The dialog and its password store read and write under HOME and the
// config folder: a test points both into its own scratch folder.
inline void useScratchHome(const QTemporaryDir &home)
{
    qputenv("HOME", home.path().toUtf8());
    qputenv("XDG_CONFIG_HOME", home.filePath(u"config"_s).toUtf8());
    QStandardPaths::setTestModeEnabled(true);
}

inline Profile profile(ProfileName name)
{
    return Profile::defaults(name);
}

} // namespace SyncSettingsDialogHelpers
