// PgHash gives, byte for byte, the hashes the server computes: the import's
// validation compares the two, so any difference would fail every import
// (or, worse, let a difference through). The server is the oracle.

#include "pghash.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include "cloud/pgconnection.h"

#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace Qt::StringLiterals;

class PgHashTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ScratchDatabase> m_cloud;
    std::unique_ptr<PgConnection> m_pg;

    qint64 serverHash(const QString &sql, const QVariantList &params)
    {
        const PgResult r = m_pg->exec(sql, params);
        if (!r.ok() || r.rowCount() != 1) {
            qWarning("%s", qPrintable(r.errorMessage()));
            return 0;
        }
        return r.int64(0, 0);
    }

private slots:
    void initTestCase()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        m_cloud = std::make_unique<ScratchDatabase>(server);
        QVERIFY(m_cloud->isValid());
        m_pg = std::make_unique<PgConnection>(m_cloud->connection(u"pghash"_s));
        QVERIFY2(m_pg->open(), qPrintable(m_pg->lastError()));
    }

    void cleanupTestCase()
    {
        m_pg.reset();
        m_cloud.reset();
    }

    // Every tail length (0-11 bytes after the 12-byte blocks), several
    // blocks, multi-byte UTF-8, and seeds with either half zero.
    void shouldHashTextAsTheServerDoes_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<qint64>("seed");
        const QString letters = u"abcdefghijklmnopqrstuvwxyz0123456789"_s;
        for (int length = 0; length <= 36; ++length) {
            for (const qint64 seed : {Q_INT64_C(0), Q_INT64_C(1), Q_INT64_C(-1), Q_INT64_C(0x100000000)}) {
                QTest::addRow("%d chars, seed %lld", length, seed) << letters.left(length) << seed;
            }
        }
        QTest::newRow("umlauts, euro, emoji") << u"Grüße € 🎉 \u001f tab\tnewline\n"_s << Q_INT64_C(0);
        QTest::newRow("canonical todo form")
            << u"17\u001fBuy milk\u001f2 litres\u001ftrue\u001f3\u001f2024-05-04 12:34:56.123456+00\u001f"
               "2024-05-04 12:34:56.1+00\u001f"_s
            << Q_INT64_C(0);
        QString longText;
        for (int i = 0; i < 500; ++i)
            longText += letters.at(i % letters.size());
        QTest::newRow("500 chars") << longText << Q_INT64_C(987654321);
    }

    void shouldHashTextAsTheServerDoes()
    {
        QFETCH(QString, text);
        QFETCH(qint64, seed);
        const qint64 server = serverHash(u"SELECT hashtextextended($1 COLLATE \"C\", $2)"_s, {text, seed});
        QCOMPARE(qint64(PgHash::bytesExtended(text.toUtf8(), quint64(seed))), server);
    }

    // The links' checksum: uuid_hash_extended chained, on random uuids.
    void shouldHashUuidsAsTheServerDoes()
    {
        QRandomGenerator random(20261122);
        for (int i = 0; i < 200; ++i) {
            QByteArray bytes(16, Qt::Uninitialized);
            random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), 4);
            const QUuid id = QUuid::fromRfc4122(bytes);
            const qint64 seed = qint64(random.generate64());
            const qint64 server = serverHash(u"SELECT uuid_hash_extended($1::uuid, $2)"_s,
                                             {id.toString(QUuid::WithoutBraces), seed});
            QCOMPARE(qint64(PgHash::bytesExtended(id.toRfc4122(), quint64(seed))), server);
        }
    }
};

QTEST_GUILESS_MAIN(PgHashTest)
#include "pghashtest.moc"
