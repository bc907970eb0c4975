#include "clearaction.h"

#include <QAction>
#include <QCoreApplication>
#include <QLineEdit>
#include <QStyle>

namespace ClearAction {

QAction *add(QLineEdit *edit)
{
    auto *clear = new QAction(edit->style()->standardIcon(QStyle::SP_LineEditClearButton, nullptr, edit),
                              QCoreApplication::translate("ClearAction", "Clear"), edit);
    clear->setObjectName(QStringLiteral("clearText"));
    clear->setVisible(!edit->text().isEmpty());
    edit->addAction(clear, QLineEdit::TrailingPosition);
    QObject::connect(clear, &QAction::triggered, edit, [edit] {
        if (edit->text().isEmpty())
            return;
        edit->clear();
        edit->setFocus(Qt::OtherFocusReason);
        // A person cleared it, as with QLineEdit's own button.
        Q_EMIT edit->textEdited(QString());
    });
    QObject::connect(edit, &QLineEdit::textChanged, clear,
                     [clear](const QString &text) { clear->setVisible(!text.isEmpty()); });
    return clear;
}

} // namespace ClearAction
