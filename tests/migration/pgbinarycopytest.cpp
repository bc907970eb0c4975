// PgBinaryCopy against a real server: rows encoded by it are COPYed in
// binary into a table with the import's column types and read back as the
// server understood them. The expected values are written out as text here
// (times as UTC wall clock), never derived from the encoder.

#include "pgbinarycopy.h"
#include "scratchdatabase.h"
#include "testpostgres.h"

#include "cloud/pgconnection.h"

#include <QDateTime>
#include <QTest>
#include <QTimeZone>
#include <QtEndian>

#include <libpq-fe.h>

#include <bit>
#include <memory>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

constexpr qint16 kFields = 12;

// A row of the import's temporary table. Times are UTC wall clock,
// "YYYY-MM-DD HH:MM:SS.ffffff".
struct Row
{
    QUuid id = QUuid::fromString(u"0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5"_s);
    QString title = u"Buy milk"_s;
    QString notes;
    bool completed = false;
    QString due; // empty: NULL
    bool dueHasTime = false;
    int priority = 0;
    double position = 0;
    QString created = u"2024-03-02 07:26:00.367299"_s;
    QString updated = u"2024-03-02 07:26:00.367299"_s;
    qint64 legacyId = 1;
    QList<QUuid> tagIds;
};

// The wall clock as Unix microseconds: whole seconds by QDateTime
// (proleptic Gregorian, like PostgreSQL), the six digits by hand.
qint64 unixMicros(const QString &utc)
{
    const QDateTime seconds = QDateTime::fromString(utc.left(19), u"yyyy-MM-dd HH:mm:ss"_s);
    Q_ASSERT(seconds.isValid());
    QDateTime inUtc = seconds;
    inUtc.setTimeZone(QTimeZone::utc());
    return inUtc.toSecsSinceEpoch() * 1000000 + utc.mid(20).toLongLong();
}

void encode(PgBinaryCopy &copy, const Row &r)
{
    copy.startTuple(kFields);
    copy.appendUuid(r.id);
    copy.appendText(r.title);
    copy.appendText(r.notes);
    copy.appendBool(r.completed);
    if (r.due.isEmpty())
        copy.appendNull();
    else
        copy.appendTimestamp(unixMicros(r.due));
    copy.appendBool(r.dueHasTime);
    copy.appendInt16(qint16(r.priority));
    copy.appendFloat8(r.position);
    copy.appendTimestamp(unixMicros(r.created));
    copy.appendTimestamp(unixMicros(r.updated));
    copy.appendInt64(r.legacyId);
    copy.appendUuidArray(r.tagIds);
}

QString joined(const QList<QUuid> &ids)
{
    QStringList out;
    for (const QUuid &id : ids)
        out << id.toString(QUuid::WithoutBraces);
    return out.join(u',');
}

QUuid tag(int n)
{
    return QUuid::fromString(u"ffeeddcc-bbaa-4998-8776-%1"_s.arg(n, 12, 16, QLatin1Char('0')));
}

} // namespace

Q_DECLARE_METATYPE(Row)

class PgBinaryCopyTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScratchDatabase> m_cloud;
    std::unique_ptr<PgConnection> m_pg;

    // COPY in binary: false, and the server's word in *error, when it refuses.
    bool copy(const QByteArray &tuples, QString *error)
    {
        pg_conn *conn = m_pg->handle();
        PGresult *started = PQexec(conn, "COPY migr_todos FROM STDIN (FORMAT binary)");
        const bool copying = PQresultStatus(started) == PGRES_COPY_IN;
        PQclear(started);
        if (!copying) {
            *error = QString::fromUtf8(PQerrorMessage(conn));
            return false;
        }
        QByteArray stream = PgBinaryCopy::header().toByteArray();
        stream += tuples;
        stream += PgBinaryCopy::trailer();
        PQputCopyData(conn, stream.constData(), int(stream.size()));
        PQputCopyEnd(conn, nullptr);
        bool ok = true;
        while (PGresult *r = PQgetResult(conn)) {
            if (PQresultStatus(r) != PGRES_COMMAND_OK) {
                ok = false;
                *error = QString::fromUtf8(PQresultErrorMessage(r));
            }
            PQclear(r);
        }
        return ok;
    }

private slots:
    void initTestCase()
    {
        TANDEM_REQUIRE_POSTGRES(server);
        m_cloud = std::make_unique<ScratchDatabase>(server);
        QVERIFY(m_cloud->isValid());
        m_pg = std::make_unique<PgConnection>(m_cloud->connection(u"binary-copy"_s));
        QVERIFY2(m_pg->open(), qPrintable(m_pg->lastError()));
        QVERIFY(m_pg->run(u"CREATE TEMP TABLE migr_todos (id uuid, title text, notes text, completed boolean,"
                          " due_at timestamptz, due_has_time boolean, priority smallint, position double precision,"
                          " created_at timestamptz, updated_at timestamptz, legacy_id bigint, tag_ids uuid[])"_s));
    }

    void cleanupTestCase()
    {
        m_pg.reset();
        QSqlDatabase::removeDatabase(u"binary-copy"_s);
        m_cloud.reset();
    }

    void init() { QVERIFY(m_pg->run(u"TRUNCATE migr_todos"_s)); }

    void shouldArriveAsEncoded_data()
    {
        QTest::addColumn<Row>("row");
        const Row plain;
        QTest::newRow("plain") << plain;
        Row r = plain;
        r.completed = true;
        r.due = u"2024-05-06 18:30:00.000000"_s;
        r.dueHasTime = true;
        QTest::newRow("completed, due with a time") << r;
        r = plain;
        r.tagIds = {tag(1)};
        QTest::newRow("one tag") << r;
        r.tagIds = {tag(1), tag(0xabcdef), tag(3), QUuid::fromString(u"00000000-0000-4000-8000-000000000000"_s)};
        QTest::newRow("several tags") << r;
        r = plain;
        r.title = u"Café ☕ naïve 日本語 𝄞 🎉"_s;
        r.notes = u"Zoë 👩‍👩‍👧 ﬁ İstanbul ß"_s;
        QTest::newRow("unicode and emoji") << r;
        r = plain;
        r.title = u"tab\there\\N"_s;
        r.notes = u"line 1\nline 2\r\nback\\slash\\\\ and \\t literal\t"_s;
        QTest::newRow("tabs, newlines, backslashes") << r;
        r = plain;
        r.title = QString();
        r.notes = QString();
        QTest::newRow("empty strings") << r;
        r = plain;
        r.notes = QString(70000, u'x') + u"é"_s;
        QTest::newRow("long note") << r;
        r = plain;
        r.due = u"0001-01-01 00:00:00.000000"_s;
        r.created = r.due;
        r.updated = u"0001-01-01 00:00:00.000001"_s;
        QTest::newRow("year 1") << r;
        r.due = u"9999-12-31 23:59:59.999999"_s;
        r.created = u"9999-01-01 00:00:00.000000"_s;
        r.updated = r.due;
        QTest::newRow("year 9999") << r;
        r.due = u"1969-07-20 20:17:40.000000"_s;
        r.created = u"1969-12-31 23:59:59.999999"_s;
        r.updated = u"1900-02-28 12:00:00.500000"_s;
        QTest::newRow("before 1970") << r;
        r.due = u"2000-01-01 00:00:00.000001"_s;
        r.created = u"1999-12-31 23:59:59.999999"_s;
        r.updated = u"2000-01-01 00:00:00.000000"_s;
        QTest::newRow("around 2000, one microsecond") << r;
        r = plain;
        r.position = -3.5;
        QTest::newRow("negative position") << r;
        r.position = 0.1;
        QTest::newRow("fractional position") << r;
        r.position = -1.0000000000000002e-300;
        QTest::newRow("tiny negative position") << r;
        r.position = 1.7976931348623157e308;
        QTest::newRow("largest position") << r;
        for (int p = 0; p <= 3; ++p) {
            r = plain;
            r.priority = p;
            QTest::addRow("priority %d", p) << r;
        }
        r = plain;
        r.legacyId = (qint64(1) << 53) - 1;
        QTest::newRow("legacy id 2^53-1") << r;
        r.legacyId = (qint64(1) << 53) + 1;
        QTest::newRow("legacy id 2^53+1") << r;
        r.legacyId = std::numeric_limits<qint64>::max();
        QTest::newRow("largest legacy id") << r;
        r = plain;
        r.id = QUuid::fromString(u"ffffffff-0001-8002-fe03-0405060708ff"_s);
        QTest::newRow("id with high bytes") << r;
    }

    void shouldArriveAsEncoded()
    {
        QFETCH(Row, row);
        // Twice, in a buffer that already held other bytes: the tuples
        // must end where the server expects them to.
        QByteArray tuples = "stale bytes";
        tuples.resize(0);
        PgBinaryCopy copy(&tuples);
        encode(copy, row);
        encode(copy, row);
        QString error;
        QVERIFY2(this->copy(tuples, &error), qPrintable(error));

        const PgResult r = m_pg->exec(
            u"SELECT id::text, title, notes, completed, due_at IS NULL,"
            " to_char(due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), due_has_time, priority,"
            " encode(float8send(position), 'hex'), to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'),"
            " to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US'), legacy_id,"
            " tag_ids IS NULL, cardinality(tag_ids), array_to_string(tag_ids, ',')"
            " FROM migr_todos"_s);
        QVERIFY2(r.ok(), qPrintable(r.errorMessage()));
        QCOMPARE(r.rowCount(), 2);
        for (int i = 0; i < 2; ++i) {
            QCOMPARE(r.text(i, 0), row.id.toString(QUuid::WithoutBraces));
            QCOMPARE(r.text(i, 1), row.title);
            QCOMPARE(r.text(i, 2), row.notes);
            QCOMPARE(r.boolean(i, 3), row.completed);
            QCOMPARE(r.boolean(i, 4), row.due.isEmpty());
            QCOMPARE(r.text(i, 5), row.due);
            QCOMPARE(r.boolean(i, 6), row.dueHasTime);
            QCOMPARE(r.int64(i, 7), qint64(row.priority));
            // The exact bits: a rounded double would pass a fuzzy compare.
            QByteArray bits(8, '\0');
            qToBigEndian(std::bit_cast<quint64>(row.position), bits.data());
            QCOMPARE(r.text(i, 8), QString::fromLatin1(bits.toHex()));
            QCOMPARE(r.text(i, 9), row.created);
            QCOMPARE(r.text(i, 10), row.updated);
            QCOMPARE(r.int64(i, 11), row.legacyId);
            QCOMPARE(r.boolean(i, 12), false);
            QCOMPARE(r.int64(i, 13), qint64(row.tagIds.size()));
            QCOMPARE(r.text(i, 14), joined(row.tagIds));
        }
    }

    void shouldRefuseATupleWithAMissingField()
    {
        // The server checks the encoder's counts: without this the test
        // above could pass on a stream the server never looked at closely.
        QByteArray tuples;
        PgBinaryCopy copy(&tuples);
        copy.startTuple(kFields);
        copy.appendUuid(Row().id);
        QString error;
        QVERIFY(!this->copy(tuples, &error));
        QVERIFY2(!error.isEmpty(), "no error from the server");
    }
};

QTEST_GUILESS_MAIN(PgBinaryCopyTest)
#include "pgbinarycopytest.moc"
