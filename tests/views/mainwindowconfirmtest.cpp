// The question the window asks when a pull would delete many todos here:
// sync asks again on every poll and after every edit while the person has
// not answered yet, and the window must keep one question open, not stack
// a new box on the last one each time.

#include "windowharness.h"

#include "cloud/profile.h"
#include "sync/synccontroller.h"

#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace {

// The confirmation boxes open now, wherever they are parented.
QList<QMessageBox *> openBoxes()
{
    QList<QMessageBox *> boxes;
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *box = qobject_cast<QMessageBox *>(widget); box && box->isVisible())
            boxes << box;
    }
    return boxes;
}

QAbstractButton *buttonWithRole(QMessageBox *box, QMessageBox::ButtonRole role)
{
    for (QAbstractButton *button : box->buttons()) {
        if (box->buttonRole(button) == role)
            return button;
    }
    return nullptr;
}

} // namespace

class MainWindowConfirmTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }

    void shouldKeepOneQuestionOpen_data()
    {
        QTest::addColumn<QList<int>>("requests");
        QTest::newRow("the same number, poll after poll") << QList<int>{120, 120, 120, 120};
        QTest::newRow("more deleted meanwhile") << QList<int>{120, 130, 145};
    }

    void shouldKeepOneQuestionOpen()
    {
        QFETCH(QList<int>, requests);
        WindowHarness h;
        QVERIFY(h.open());
        // No server: the controller starts no thread; its signal is what the
        // sync worker sends each time a pull stops for the question.
        SyncController controller(h.data.database.get(), Profile::defaults(ProfileName::Development));
        h.window->setSyncController(&controller);

        for (int deletions : requests) {
            Q_EMIT controller.confirmationNeeded(deletions);
            QTRY_COMPARE(openBoxes().size(), 1);
            QTest::qWait(20); // a second box would open by now
            QCOMPARE(openBoxes().size(), 1);
            QVERIFY2(openBoxes().constFirst()->text().contains(QString::number(deletions)),
                     qPrintable(openBoxes().constFirst()->text()));
        }

        // Answered: the next question opens a box again, one.
        QMessageBox *box = openBoxes().constFirst();
        QAbstractButton *notNow = buttonWithRole(box, QMessageBox::RejectRole);
        QVERIFY(notNow);
        QTest::mouseClick(notNow, Qt::LeftButton);
        QTRY_COMPARE(openBoxes().size(), 0);
        Q_EMIT controller.confirmationNeeded(requests.constLast());
        Q_EMIT controller.confirmationNeeded(requests.constLast());
        QTRY_COMPARE(openBoxes().size(), 1);
        QTest::qWait(20);
        QCOMPARE(openBoxes().size(), 1);
        QTest::mouseClick(buttonWithRole(openBoxes().constFirst(), QMessageBox::RejectRole), Qt::LeftButton);
        QTRY_COMPARE(openBoxes().size(), 0);
        h.window->setSyncController(nullptr);
    }
};

QTEST_MAIN(MainWindowConfirmTest)
#include "mainwindowconfirmtest.moc"
