// PgHash gives, bit for bit, the hashes the server computes: the import's
// validation compares the two, so any difference would fail every import
// (or, worse, let a difference through). The server is the oracle.

#include "pghash.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include "cloud/pgconnection.h"

#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

#include <limits>
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

    // The fixed-size hashes a todo's checksum combines: int8 (legacy ids,
    // and timestamps, which are int8 microseconds), int2 (priority) and
    // bool, at the edges of each half and at random, with seeds.
    void shouldHashNumbersAsTheServerDoes()
    {
        QRandomGenerator random(20261123);
        QList<qint64> values{0,
                             1,
                             -1,
                             Q_INT64_C(0xffffffff),
                             Q_INT64_C(0x100000000),
                             Q_INT64_C(-0x100000000),
                             std::numeric_limits<qint64>::max(),
                             std::numeric_limits<qint64>::min()};
        for (int i = 0; i < 40; ++i)
            values.append(qint64(random.generate64()));
        for (const qint64 value : std::as_const(values)) {
            for (const qint64 seed : {Q_INT64_C(0), qint64(random.generate64())}) {
                QCOMPARE(qint64(PgHash::int8Extended(value, quint64(seed))),
                         serverHash(u"SELECT hashint8extended($1::int8, $2)"_s, {value, seed}));
                const qint16 small = qint16(value);
                QCOMPARE(qint64(PgHash::uint32Extended(quint32(qint32(small)), quint64(seed))),
                         serverHash(u"SELECT hashint2extended($1::int2, $2)"_s, {small, seed}));
            }
        }
        for (const bool value : {false, true}) {
            QCOMPARE(qint64(PgHash::uint32Extended(value ? 1 : 0, 0)),
                     serverHash(u"SELECT hash_record_extended(ROW($1::bool), 0)"_s, {value}));
        }
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
