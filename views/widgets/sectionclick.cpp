#include "sectionclick.h"

#include <QDateTimeEdit>
#include <QLineEdit>
#include <QMouseEvent>

namespace {

class SectionClickFilter : public QObject
{
public:
    SectionClickFilter(QDateTimeEdit *edit, QLineEdit *line)
        : QObject(edit)
        , m_edit(edit)
        , m_line(line)
    {
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        // On release the press has placed the cursor; a drag that selected
        // text keeps its own selection.
        if (watched == m_line && event->type() == QEvent::MouseButtonRelease
            && static_cast<QMouseEvent *>(event)->button() == Qt::LeftButton && !m_line->hasSelectedText()
            && m_edit->currentSection() != QDateTimeEdit::NoSection) {
            m_edit->setSelectedSection(m_edit->currentSection());
        }
        return false;
    }

private:
    QDateTimeEdit *m_edit;
    QLineEdit *m_line;
};

} // namespace

void selectSectionOnClick(QDateTimeEdit *edit)
{
    if (auto *line = edit->findChild<QLineEdit *>())
        line->installEventFilter(new SectionClickFilter(edit, line));
}
