// Redo by both of its keys, and the status bar saying what undo and redo just did.

#include "windowharness.h"

#include "widgets/windowactions.h"

#include <QAction>
#include <QStatusBar>
#include <QUndoStack>

using namespace Qt::StringLiterals;

class MainWindowRedoTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldRedoWithEitherKey_data()
    {
        QTest::addColumn<QKeySequence>("redo");
        QTest::newRow("Ctrl+Shift+Z") << QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z);
        QTest::newRow("Ctrl+Y") << QKeySequence(Qt::CTRL | Qt::Key_Y);
        // Every key the platform calls Redo (offscreen: Ctrl+Y, Alt+Shift+Backspace, Ctrl+Shift+Z;
        // on X11 its first is Ctrl+Shift+Z, which given twice made the shortcut ambiguous).
        const QList<QKeySequence> platform = QKeySequence::keyBindings(QKeySequence::Redo);
        for (const QKeySequence &key : platform)
            QTest::newRow(qPrintable(u"the platform's Redo: "_s + key.toString())) << key;
    }

    void shouldRedoWithEitherKey()
    {
        QFETCH(QKeySequence, redo);
        WindowHarness h;
        const Todo todo = h.data.addTodo(u"Water the plants"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(todo.id));
        QTest::keyClick(h.list(), Qt::Key_Space);
        QVERIFY(h.store()->todo(todo.id)->completed);

        for (int round = 0; round < 2; ++round) {
            h.press(QKeySequence::Undo);
            QVERIFY(!h.store()->todo(todo.id)->completed);
            h.press(redo);
            QVERIFY(h.store()->todo(todo.id)->completed);
        }
        // Each key once, however the platform spells Redo.
        const QList<QKeySequence> keys = h.window->actions()->redo->shortcuts();
        QCOMPARE(QSet<QKeySequence>(keys.cbegin(), keys.cend()).size(), keys.size());
    }

    void shouldSayWhatWasUndoneAndRedone()
    {
        WindowHarness h;
        const Todo first = h.data.addTodo(u"First"_s);
        const Todo second = h.data.addTodo(u"Second"_s);
        QVERIFY(h.open());
        QVERIFY(h.clickRow(first.id));
        QTest::keyClick(h.list(), Qt::Key_Space); // Complete 1 todo
        QVERIFY(h.clickRow(second.id));
        QTest::keyClick(h.list(), Qt::Key_Delete); // Delete 1 todo
        QStatusBar *bar = h.window->statusBar();

        h.press(QKeySequence::Undo);
        QCOMPARE(bar->currentMessage(), u"Undid: Delete 1 todo(s)"_s);
        h.press(QKeySequence::Undo);
        QCOMPARE(bar->currentMessage(), u"Undid: Complete 1 todo(s)"_s);
        h.press(QKeySequence(Qt::CTRL | Qt::Key_Y));
        QCOMPARE(bar->currentMessage(), u"Redid: Complete 1 todo(s)"_s);
        h.press(QKeySequence(Qt::CTRL | Qt::Key_Y));
        QCOMPARE(bar->currentMessage(), u"Redid: Delete 1 todo(s)"_s);
    }
};

QTEST_MAIN(MainWindowRedoTest)
#include "mainwindowredotest.moc"
