#pragma once

#include "clirunner.h"
#include "store/localdatabase.h"
#include "store/todostore.h"

#include <QTest>

// What the tandem-cli tests check and set up beside the CLI itself.

// A list made straight in the runner's cache (the CLI cannot make one);
// its id, or an empty string when that failed. Never while the CLI runs.
inline QString makeList(const CliRunner &runner, const QString &name)
{
    LocalDatabase database;
    if (!database.open(runner.databasePath()).ok())
        return {};
    TodoStore store(&database);
    const TodoList list = store.newList(name);
    return store.apply({{list}, {}}) ? list.id : QString();
}

// A refusal as a script sees it: this exit code, nothing on stdout, and one
// line on stderr that starts with "tandem-cli: " and holds the fragment.
inline void verifyOneLineError(const CliRunner::Result &result, int exitCode, const QString &fragment)
{
    QVERIFY(!result.crashed);
    QVERIFY2(result.exitCode == exitCode,
             qPrintable(QStringLiteral("exit %1, expected %2; stderr: %3")
                            .arg(result.exitCode)
                            .arg(exitCode)
                            .arg(result.errText())));
    QVERIFY2(result.out.isEmpty(), result.out.constData());
    QVERIFY2(result.err.count('\n') == 1 && result.err.endsWith('\n'), result.err.constData());
    QVERIFY2(result.errText().startsWith(QStringLiteral("tandem-cli: ")), result.err.constData());
    QVERIFY2(result.errText().contains(fragment, Qt::CaseInsensitive), result.err.constData());
}
