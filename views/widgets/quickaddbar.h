#pragma once

#include "quickadd/quickaddparser.h"

#include <QDate>
#include <QStringList>
#include <QWidget>

#include <functional>

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
    // The names of the lists that exist, asked for as the line changes, so
    // that "@Side project" finds its list and a new one is called new.
    void setListNames(std::function<QStringList()> listNames);

Q_SIGNALS:
    void submitted(const QuickAddResult &result);
    // Escape: the line was cleared, and the person wants to leave it.
    void leaveRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    QDate today() const;
    QuickAddResult parsed() const;
    void updatePreview();
    void updateIcon();
    void submit();

    QLineEdit *m_input;
    QLabel *m_preview;
    QAction *m_addIcon;
    QDate m_today; // invalid: follow the clock, so the bar stays right past midnight
    std::function<QStringList()> m_listNames;
};
