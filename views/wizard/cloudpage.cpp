#include "cloudpage.h"

#include "migrationwizard.h"
#include "widgets/connectionprobe.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

CloudPage::CloudPage(MigrationWizard *wizard)
    : QWizardPage(wizard)
    , m_wizard(wizard)
{
    setObjectName(u"cloudPage"_s);
    setTitle(tr("Cloud Connection"));
    setSubTitle(tr("The todos go to the cloud database of your sync settings, and from there to every computer you use."));
    m_server = new QLabel(this);
    m_server->setObjectName(u"cloudServer"_s);
    m_server->setAccessibleName(tr("Cloud database"));
    m_server->setWordWrap(true);
    m_server->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_test = new QPushButton(tr("&Test connection"), this);
    m_test->setObjectName(u"testConnection"_s);
    m_test->setAccessibleName(tr("Test connection"));
    m_result = new QLabel(this);
    m_result->setObjectName(u"connectionResult"_s);
    m_result->setAccessibleName(tr("Connection test result"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *row = new QHBoxLayout;
    row->addWidget(m_test);
    row->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_server);
    layout->addLayout(row);
    layout->addWidget(m_result);
    layout->addStretch();
    connect(m_test, &QPushButton::clicked, this, &CloudPage::test);
}

void CloudPage::initializePage()
{
    const Profile &profile = m_wizard->profile();
    if (!profile.hasServer()) {
        m_server->setText(tr("No cloud database is set up. Paste your Neon connection string in Sync Settings first, then import."));
        m_test->setEnabled(false);
        return;
    }
    const ConnectionConfig &c = profile.connection;
    m_server->setText(tr("Server: %1\nDatabase: %2\nUser: %3").arg(c.host, c.database, c.user));
    m_test->setEnabled(true);
}

bool CloudPage::isComplete() const
{
    return m_wizard->profile().hasServer();
}

void CloudPage::test()
{
    m_test->setEnabled(false);
    m_result->setText(tr("Connecting…"));
    ConnectionProbe::start(m_wizard->profile().connection, this, [this](const ConnectionProbeResult &r) {
        m_test->setEnabled(true);
        if (r.ok)
            m_result->setText(tr("Connected: PostgreSQL %1, %2, %3 ms.")
                                  .arg(r.serverVersion, r.tls ? tr("encrypted") : tr("not encrypted"))
                                  .arg(r.roundTripMs, 0, 'f', 1));
        else
            m_result->setText(tr("Cannot connect: %1\n%2").arg(r.message, r.detail));
    });
}
