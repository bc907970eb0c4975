#pragma once

#include <QDialog>

class QTabWidget;
class WindowActions;

// Help > Keyboard Shortcuts (F1, Ctrl+?) and Help > Quick Add Syntax: one
// dialog with a page for each. The shortcuts are read from the window's
// actions when the sheet opens, so the sheet says what the keys really do.
class ShortcutSheet : public QDialog
{
    Q_OBJECT
public:
    enum class Page { Shortcuts, QuickAdd };

    ShortcutSheet(const WindowActions *actions, QWidget *parent = nullptr);
    void showPage(Page page);

    // The rows of the shortcuts page: what, and its keys as the platform writes them.
    static QList<std::pair<QString, QString>> shortcutRows(const WindowActions *actions);
    // The rows of the quick-add page: what to type, and what it does.
    static QList<std::pair<QString, QString>> quickAddRows();

private:
    QTabWidget *m_tabs;
};
