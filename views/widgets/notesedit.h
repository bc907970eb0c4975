#pragma once

#include <QPlainTextEdit>

class QTimer;

// The notes field. What a person types is to be saved after a pause in
// typing and when the field loses focus: saveRequested() says when. Notes
// shown with setNotes() ask for no save.
class NotesEdit : public QPlainTextEdit
{
    Q_OBJECT
public:
    explicit NotesEdit(QWidget *parent = nullptr);

    void setSaveDelay(int milliseconds);
    // Shows notes from the store; a focused field keeps its cursor where it was.
    void setNotes(const QString &notes);
    // Forgets the pause being waited for, e.g. when another todo is shown.
    void cancelPendingSave();

Q_SIGNALS:
    void saveRequested();

protected:
    void focusOutEvent(QFocusEvent *event) override;

private:
    void requestSave();

    QTimer *m_timer;
    bool m_setting = false;
};
