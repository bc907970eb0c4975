// The clear button of the quick-add line, the search field and the tags
// field: there while the field holds text, gone at once when it is empty
// (no fade, which repainted the field for 160 ms after every quick add).

#include "widgets/clearaction.h"

#include <QAction>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;

class ClearActionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shouldShowWhileThereIsText();
    void shouldClearAsAPersonWould();
    void shouldNotAnimate();
};

namespace {

QToolButton *buttonOf(QLineEdit *edit, QAction *action)
{
    for (QToolButton *button : edit->findChildren<QToolButton *>()) {
        if (button->defaultAction() == action)
            return button;
    }
    return nullptr;
}

class PaintCounter : public QObject
{
public:
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void ClearActionTest::shouldShowWhileThereIsText()
{
    QLineEdit edit;
    QAction *clear = ClearAction::add(&edit);
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    QVERIFY(!clear->isVisible());
    QTest::keyClicks(&edit, u"Buy milk"_s);
    QVERIFY(clear->isVisible());
    QToolButton *button = buttonOf(&edit, clear);
    QVERIFY(button);
    QVERIFY(button->isVisible());
    edit.clear();
    QVERIFY(!clear->isVisible());
    QVERIFY(!button->isVisible());
}

void ClearActionTest::shouldClearAsAPersonWould()
{
    QLineEdit edit;
    QAction *clear = ClearAction::add(&edit);
    edit.show();
    QVERIFY(QTest::qWaitForWindowExposed(&edit));
    QTest::keyClicks(&edit, u"#work"_s);
    QSignalSpy edited(&edit, &QLineEdit::textEdited);
    QToolButton *button = buttonOf(&edit, clear);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
    QCOMPARE(edit.text(), QString());
    QCOMPARE(edited.count(), 1);
    QCOMPARE(edited.constFirst().constFirst().toString(), QString());
}

void ClearActionTest::shouldNotAnimate()
{
    // The paints of the field and its buttons in the 400 ms after it is
    // cleared: one or two at once, not a fade's every frame.
    auto paintsAfterClearing = [](QLineEdit *edit) {
        edit->show();
        if (!QTest::qWaitForWindowExposed(edit))
            return -1;
        QTest::keyClicks(edit, u"Call Sam"_s);
        QTest::qWait(400);
        PaintCounter counter;
        edit->installEventFilter(&counter);
        for (QToolButton *button : edit->findChildren<QToolButton *>())
            button->installEventFilter(&counter);
        edit->clear();
        QTest::qWait(400);
        return counter.paints;
    };
    QLineEdit edit;
    ClearAction::add(&edit);
    const int ours = paintsAfterClearing(&edit);
    QLineEdit own;
    own.setClearButtonEnabled(true);
    const int qts = paintsAfterClearing(&own);
    QVERIFY2(ours >= 1 && ours <= 3, qPrintable(u"%1 paints"_s.arg(ours)));
    // QLineEdit's own button fades, which this test would see.
    QVERIFY2(qts > 5, qPrintable(u"%1 paints of QLineEdit's own button"_s.arg(qts)));
}

QTEST_MAIN(ClearActionTest)
#include "clearactiontest.moc"
