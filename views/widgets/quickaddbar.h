#pragma once

#include "quickadd/quickaddparser.h"

#include <QDate>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;

// The line at the top of the list where todos are born. It shows, while
// the person types, what the parser understood beyond the title, so that
// "friday" turning into a due date is never a surprise.
class QuickAddBar : public QWidget
{
    Q_OBJECT
public:
    explicit QuickAddBar(QWidget *parent = nullptr);

    void focusInput();
    QLineEdit *input() const { return m_input; }
    // Fixes "today" for the parser; tests use it. An invalid date means the clock.
    void setToday(QDate today);

Q_SIGNALS:
    void submitted(const QuickAddResult &result);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QDate today() const;
    void updatePreview();
    void updateIcon();
    void submit();

    QLineEdit *m_input;
    QLabel *m_preview;
    QAction *m_addIcon;
    QDate m_today; // invalid: follow the clock, so the bar stays right past midnight
};
