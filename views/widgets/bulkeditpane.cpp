#include "bulkeditpane.h"

#include "named.h"
#include "prioritycombobox.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {

QPushButton *button(const QString &name, const QString &text, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setObjectName(name);
    result->setAutoDefault(false);
    return result;
}

QHBoxLayout *row(std::initializer_list<QWidget *> widgets)
{
    auto *layout = new QHBoxLayout;
    layout->setContentsMargins(0, 0, 0, 0);
    for (QWidget *widget : widgets)
        layout->addWidget(widget, widget == *widgets.begin() ? 1 : 0);
    return layout;
}

} // namespace

BulkEditPane::BulkEditPane(QWidget *parent)
    : QWidget(parent)
    , m_count(new QLabel(this))
    , m_date(named(new QDateEdit(this), u"bulkDueDate"_s, tr("Due date for all")))
    , m_tag(named(new QLineEdit(this), u"bulkTag"_s, tr("Tag")))
    , m_priority(named(new PriorityComboBox(this), u"bulkPriority"_s, tr("Priority for all")))
    , m_list(named(new QComboBox(this), u"bulkList"_s, tr("List for all")))
{
    setObjectName(u"bulkEditPane"_s);
    m_count->setObjectName(u"bulkCount"_s);
    QFont countFont = m_count->font();
    countFont.setWeight(QFont::DemiBold);
    if (countFont.pointSizeF() > 0)
        countFont.setPointSizeF(countFont.pointSizeF() * 1.25);
    m_count->setFont(countFont);

    m_date->setCalendarPopup(true);
    m_date->setDisplayFormat(tr("ddd d MMM yyyy", "due date in the detail pane"));
    m_date->setDate(QDate::currentDate());
    QPushButton *setDue = button(u"bulkSetDue"_s, tr("Set"), this);
    QPushButton *clearDue = button(u"bulkClearDue"_s, tr("No Date"), this);
    m_tag->setPlaceholderText(tr("a tag"));
    QPushButton *addTag = button(u"bulkAddTag"_s, tr("Add"), this);
    QPushButton *removeTag = button(u"bulkRemoveTag"_s, tr("Remove"), this);
    m_priority->setPlaceholderText(tr("Choose…"));
    m_list->setPlaceholderText(tr("Choose…"));
    m_list->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_list->setMinimumContentsLength(12);
    m_priority->updateIcons(palette());

    auto *fields = new QFormLayout;
    fields->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    fields->setLabelAlignment(Qt::AlignRight | Qt::AlignVCenter);
    fields->addRow(tr("Due"), row({m_date, setDue, clearDue}));
    fields->addRow(tr("Tag"), row({m_tag, addTag, removeTag}));
    fields->addRow(tr("Priority"), m_priority);
    fields->addRow(tr("List"), m_list);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(16, 16, 16, 12);
    layout->setSpacing(14);
    layout->addWidget(m_count);
    layout->addLayout(fields);
    layout->addStretch(1);

    connect(setDue, &QPushButton::clicked, this, [this] { Q_EMIT dueChosen(m_date->date()); });
    connect(clearDue, &QPushButton::clicked, this, [this] { Q_EMIT dueChosen(std::nullopt); });
    connect(addTag, &QPushButton::clicked, this, [this] { emitTag(true); });
    connect(removeTag, &QPushButton::clicked, this, [this] { emitTag(false); });
    connect(m_tag, &QLineEdit::returnPressed, this, [this] { emitTag(true); });
    connect(m_priority, &QComboBox::activated, this, [this](int index) {
        const Priority priority = m_priority->priorityAt(index);
        clearChoices();
        Q_EMIT priorityChosen(priority);
    });
    connect(m_list, &QComboBox::activated, this, [this](int index) {
        const QString listId = m_list->itemData(index).toString();
        clearChoices();
        if (!listId.isEmpty())
            Q_EMIT listChosen(listId);
    });
    clearChoices();
}

void BulkEditPane::setCount(int count)
{
    m_count->setText(tr("%n todo(s) selected", nullptr, count));
}

void BulkEditPane::setLists(const QList<TodoList> &lists)
{
    m_list->clear();
    for (const TodoList &list : lists) {
        if (!list.isDeleted())
            m_list->addItem(list.isInbox ? tr("Inbox") : list.name, list.id);
    }
    clearChoices();
}

void BulkEditPane::emitTag(bool add)
{
    const QString tag = m_tag->text().trimmed();
    if (tag.isEmpty())
        return;
    if (add)
        Q_EMIT tagAdded(tag);
    else
        Q_EMIT tagRemoved(tag);
}

void BulkEditPane::clearChoices()
{
    m_priority->setCurrentIndex(-1);
    m_list->setCurrentIndex(-1);
}
