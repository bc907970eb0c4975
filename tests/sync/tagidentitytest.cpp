#include "domain/tagkey.h"
#include "scratchdatabase.h"
#include "syncreplica.h"
#include "syncsnapshot.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using SyncSnapshot::CloudConnection;

namespace {

// The databases a person may have: the server's collation decides what
// lower() does, and tag identity must not depend on it.
struct Flavour
{
    const char *name;
    QString createOptions;
};

const Flavour kFlavours[] = {
    {"C", u"TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"_s},
    {"C.UTF-8", u"TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'"_s},
    {"ICU und", u"TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'"_s},
};

// A tag as added, and the same tag as typed again in another case.
struct Spelling
{
    const char *name;
    QString added;
    QString typedAgain;
};

const Spelling kSpellings[] = {
    {"umlaut", u"ÄRGER"_s, u"ärger"_s},
    {"dotted capital I", u"İstanbul"_s, u"İSTANBUL"_s},
    {"sharp s", u"Straße"_s, u"STRAẞE"_s},
    {"final sigma", u"ΟΔΟΣ"_s, u"οδος"_s},
    {"decomposed umlaut", u"A\u0308pfel"_s, u"äpfel"_s},
    {"emoji", u"😀 Party"_s, u"😀 PARTY"_s},
};

TodoSnapshots live(const SyncReplica &desk)
{
    return SyncSnapshot::local(desk.database->database());
}

// The way tandem-cli's --remove-tag and the detail pane remove a tag: by
// what the person typed, which names the tag in any case.
void removeTyped(SyncReplica &desk, const QString &todoId, const QString &typed)
{
    desk.edit(todoId, [&typed](Todo &todo) {
        todo.tags.removeIf([&typed](const QString &tag) { return TagKey::of(tag) == TagKey::of(typed); });
    });
}

} // namespace

// A tag is one tag on every desktop and on the server, whatever the
// database's LC_CTYPE or collation: desktops compute its key, the server
// compares keys (cloud schema step 9).
class TagIdentityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void shouldConvergeWhenATagIsRemovedTypedInAnotherCase_data()
    {
        QTest::addColumn<QString>("createOptions");
        QTest::addColumn<QString>("added");
        QTest::addColumn<QString>("typedAgain");
        for (const Flavour &flavour : kFlavours) {
            for (const Spelling &spelling : kSpellings) {
                QTest::addRow("%s, %s", flavour.name, spelling.name)
                    << flavour.createOptions << spelling.added << spelling.typedAgain;
            }
        }
    }

    void shouldConvergeWhenATagIsRemovedTypedInAnotherCase()
    {
        QFETCH(QString, createOptions);
        QFETCH(QString, added);
        QFETCH(QString, typedAgain);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server, createOptions);
        QVERIFY(cloud.isValid());
        SyncReplica a(cloud), b(cloud);

        const Todo todo = a.add(u"Tagged"_s, {added, u"kept"_s});
        QVERIFY(a.sync().ok());
        QVERIFY(b.sync().ok());
        QCOMPARE(live(b).value(todo.id).tags.size(), 2);

        removeTyped(a, todo.id, typedAgain);
        QCOMPARE(live(a).value(todo.id).tags, QStringList{u"kept"_s});
        const SyncResult pushed = a.sync();
        QVERIFY2(pushed.ok(), qPrintable(pushed.message));
        QVERIFY(b.sync().ok());

        const CloudConnection admin(cloud);
        const QString onServer = SyncSnapshot::difference(live(a), SyncSnapshot::server(*admin, server.user),
                                                          u"A"_s, u"server"_s);
        QVERIFY2(onServer.isEmpty(), qPrintable(onServer));
        QCOMPARE(live(b).value(todo.id).tags, QStringList{u"kept"_s});
        const QString afterRemoval = SyncSnapshot::difference(live(a), live(b), u"A"_s, u"B"_s);
        QVERIFY2(afterRemoval.isEmpty(), qPrintable(afterRemoval));

        // Added again on B, typed the other way: the same tag, not a second one.
        b.edit(todo.id, [&typedAgain](Todo &edited) { edited.tags << typedAgain; });
        QVERIFY(b.sync().ok());
        QVERIFY(a.sync().ok());
        QCOMPARE(live(a).value(todo.id).tags.size(), 2);
        QCOMPARE(admin.number(u"SELECT count(*) FROM tandem.tags"_s), 2);
        const QString between = SyncSnapshot::difference(live(a), live(b), u"A"_s, u"B"_s);
        QVERIFY2(between.isEmpty(), qPrintable(between));
    }

    // The key is what the desktops computed, stored beside the name.
    void shouldStoreTheDesktopsKey_data()
    {
        QTest::addColumn<QString>("createOptions");
        for (const Flavour &flavour : kFlavours)
            QTest::newRow(flavour.name) << flavour.createOptions;
    }

    void shouldStoreTheDesktopsKey()
    {
        QFETCH(QString, createOptions);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server, createOptions);
        QVERIFY(cloud.isValid());
        SyncReplica a(cloud);
        QStringList names;
        for (const Spelling &spelling : kSpellings)
            names << spelling.added;
        // Distinct tags under the key, though lower() or a full case folding
        // would make some of them one: dotless ı is not i, ß is not ss.
        names << u"ılık"_s << u"ILIK"_s << u"STRASSE"_s;
        a.add(u"Many tags"_s, names);
        QVERIFY(a.sync().ok());

        const CloudConnection admin(cloud);
        const PgResult rows = admin->exec(u"SELECT name, name_key FROM tandem.tags"_s);
        QVERIFY2(rows.ok(), qPrintable(admin->lastError()));
        QCOMPARE(rows.rowCount(), names.size());
        for (int r = 0; r < rows.rowCount(); ++r)
            QCOMPARE(rows.text(r, 1), TagKey::of(rows.text(r, 0)));
    }
};

QTEST_GUILESS_MAIN(TagIdentityTest)
#include "tagidentitytest.moc"
