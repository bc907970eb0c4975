#include "welcomepage.h"

#include <QLabel>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

WelcomePage::WelcomePage(QWidget *parent)
    : QWizardPage(parent)
{
    setObjectName(u"welcomePage"_s);
    setTitle(tr("Import from the Python Todo App"));
    setSubTitle(tr("Bring your todos from the Python Todo app into Tandem, once."));

    auto *text = new QLabel(
        tr("<p>This assistant moves the todos, tags and their links from the Python Todo app's file into "
           "your Tandem cloud database. A cloud database is needed because the import goes there first, "
           "and from there Tandem syncs your todos to this computer and to every other one you use. "
           "It will:</p>"
           "<ol><li>find the Python Todo app's file (or let you pick it) and check it;</li>"
           "<li>make a verified backup copy beside it;</li>"
           "<li>check the connection to your cloud database;</li>"
           "<li>show what will be imported and every row that needs a repair;</li>"
           "<li>transfer the rows, then compare every row in the cloud with the file.</li></ol>"
           "<p><b>Nothing is deleted.</b> The Python Todo app's file stays exactly as it is, and the imported todos "
           "go to a new list called \"Imported\". You can cancel at any time and resume later.</p>"),
        this);
    text->setObjectName(u"welcomeText"_s);
    text->setAccessibleName(tr("What the import does"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addStretch();
}
