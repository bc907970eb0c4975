#include "widgets/notesedit.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

constexpr int kDelayMs = 50;

} // namespace

class NotesEditTest : public QObject
{
    Q_OBJECT

private:
    // A shown, active window with the notes field focused and another field to move to.
    struct Field
    {
        QWidget window;
        NotesEdit *notes = new NotesEdit(&window);
        QLineEdit *other = new QLineEdit(&window);
        QSignalSpy spy {notes, &NotesEdit::saveRequested};

        bool show(int delayMs = kDelayMs)
        {
            auto *layout = new QVBoxLayout(&window);
            layout->addWidget(notes);
            layout->addWidget(other);
            notes->setSaveDelay(delayMs);
            window.show();
            window.activateWindow();
            notes->setFocus();
            return QTest::qWaitForWindowActive(&window) && notes->hasFocus();
        }
    };

private Q_SLOTS:
    void shouldAskToSaveOnceAfterAPauseInTyping()
    {
        Field f;
        QVERIFY(f.show());
        QTest::keyClicks(f.notes, u"Call Ana"_s);
        QCOMPARE(f.spy.count(), 0);
        QTRY_COMPARE(f.spy.count(), 1);
        QTest::qWait(3 * kDelayMs);
        QCOMPARE(f.spy.count(), 1);
    }

    void shouldAskToSaveWhenLeftWithoutWaitingForThePause()
    {
        Field f;
        QVERIFY(f.show(60 * 1000));
        QTest::keyClicks(f.notes, u"Call Ana"_s);
        f.other->setFocus(Qt::TabFocusReason);
        QCOMPARE(f.spy.count(), 1);
    }

    void shouldNotAskToSaveNotesFromTheStore()
    {
        Field f;
        QVERIFY(f.show());
        f.notes->setNotes(u"From elsewhere"_s);
        QCOMPARE(f.notes->toPlainText(), u"From elsewhere"_s);
        QTest::qWait(3 * kDelayMs);
        QCOMPARE(f.spy.count(), 0);
    }

    void shouldForgetThePauseWhenCancelled()
    {
        Field f;
        QVERIFY(f.show());
        QTest::keyClicks(f.notes, u"Call Ana"_s);
        f.notes->cancelPendingSave();
        QTest::qWait(3 * kDelayMs);
        QCOMPARE(f.spy.count(), 0);
    }

    void shouldKeepTheCursorOfAFocusedField()
    {
        Field f;
        QVERIFY(f.show());
        f.notes->setNotes(u"Book the train"_s);
        QTextCursor cursor = f.notes->textCursor();
        cursor.setPosition(4);
        f.notes->setTextCursor(cursor);
        f.notes->setNotes(u"Book the hotel and the train"_s);
        QCOMPARE(f.notes->textCursor().position(), 4);
        f.notes->setNotes(u"Bo"_s); // no further than the end
        QCOMPARE(f.notes->textCursor().position(), 2);
    }
};

QTEST_MAIN(NotesEditTest)
#include "notesedittest.moc"
