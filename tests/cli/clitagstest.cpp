#include "clirunner.h"
#include "scratchdatabase.h"

#include <QTest>
#include <QUrl>

using namespace Qt::StringLiterals;

// tandem-cli's --tag, --add-tag and --remove-tag with names whose case
// mappings differ between languages and databases, or that hold a comma:
// one tag per name in any case, on this desktop and, after a sync, on the
// other one, whatever the cloud database's collation.
class CliTagsTest : public QObject
{
    Q_OBJECT

private:
    static QJsonArray tagsOf(const CliRunner &desktop, const QString &id)
    {
        return desktop.exportedTodo(id).value(u"tags"_s).toArray();
    }

    static void sync(const CliRunner &desktop)
    {
        const CliRunner::Result result = desktop.cli({u"sync"_s}, 60000);
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QVERIFY2(result.outText().startsWith(u"Synced"_s), result.out.constData());
    }

private Q_SLOTS:
    void shouldAddAndRemoveATagByNameInAnyCase_data()
    {
        QTest::addColumn<QString>("added");
        QTest::addColumn<QString>("typedAgain");
        QTest::newRow("comma") << u"Smith, John"_s << u"SMITH, JOHN"_s;
        QTest::newRow("umlaut") << u"ÄRGER"_s << u"ärger"_s;
        QTest::newRow("dotted capital I") << u"İstanbul"_s << u"İSTANBUL"_s;
        QTest::newRow("dotted capital I, lowercase") << u"İstanbul"_s << u"i\u0307stanbul"_s;
        QTest::newRow("final sigma") << u"ΟΔΟΣ"_s << u"οδος"_s;
        QTest::newRow("capital sharp s") << u"Straße"_s << u"STRAẞE"_s;
        QTest::newRow("decomposed umlaut") << u"A\u0308pfel"_s << u"äpfel"_s;
        QTest::newRow("emoji") << u"😀 Party"_s << u"😀 PARTY"_s;
    }

    void shouldAddAndRemoveATagByNameInAnyCase()
    {
        QFETCH(QString, added);
        QFETCH(QString, typedAgain);
        CliRunner runner;
        const QString id = runner.add({u"Tagged"_s, u"--tag"_s, added, u"--tag"_s, u"a keep"_s});
        QCOMPARE(tagsOf(runner, id).size(), 2);
        const QString listed = runner.cli({u"list"_s}).outText();
        QVERIFY2(listed.contains(u"#a keep #"_s + added + u'\n'), qPrintable(listed));

        // The same tag typed again: still two tags, in the first spelling.
        QCOMPARE(runner.cli({u"edit"_s, id, u"--add-tag"_s, typedAgain}).exitCode, 0);
        QCOMPARE(tagsOf(runner, id), (QJsonArray{u"a keep"_s, added}));

        const CliRunner::Result removed = runner.cli({u"edit"_s, id, u"--remove-tag"_s, typedAgain});
        QCOMPARE(removed.errText(), QString());
        QCOMPARE(removed.exitCode, 0);
        QCOMPARE(tagsOf(runner, id), QJsonArray{u"a keep"_s});
    }

    // Distinct names stay distinct tags: dotless ı is not i, ß is not ss.
    void shouldKeepDistinctNamesApart()
    {
        CliRunner runner;
        const QString id = runner.add({u"Tagged"_s, u"--tag"_s, u"ılık"_s, u"--tag"_s, u"ILIK"_s, u"--tag"_s,
                                       u"Straße"_s, u"--tag"_s, u"STRASSE"_s});
        QCOMPARE(tagsOf(runner, id).size(), 4);
        QCOMPARE(runner.cli({u"edit"_s, id, u"--remove-tag"_s, u"ilik"_s}).exitCode, 0);
        const QJsonArray left = tagsOf(runner, id);
        QCOMPARE(left.size(), 3);
        QVERIFY(left.contains(u"ılık"_s));
        QVERIFY(!left.contains(u"ILIK"_s));
    }

    // The bug this guards against: on a database whose LC_CTYPE is C, the
    // server's lower() left "Ä" and "İ" as they were, so a removal sent as
    // the case-folded name never matched, and the desktops stayed different.
    void shouldRemoveTagsOnTheOtherDesktop_data()
    {
        QTest::addColumn<QString>("createOptions");
        QTest::newRow("C") << u"TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C'"_s;
        QTest::newRow("ICU und")
            << u"TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'und' LOCALE 'C.UTF-8'"_s;
    }

    void shouldRemoveTagsOnTheOtherDesktop()
    {
        QFETCH(QString, createOptions);
        TANDEM_REQUIRE_POSTGRES(server);
        ScratchDatabase cloud(server, createOptions);
        QVERIFY(cloud.isValid());
        const QString url = u"postgresql://%1:%2@%3:%4/%5?sslmode=disable&connect_timeout=5"_s.arg(
            QString::fromLatin1(QUrl::toPercentEncoding(server.user)),
            QString::fromLatin1(QUrl::toPercentEncoding(server.password)), server.host,
            QString::number(server.port), cloud.name());
        CliRunner a, b;
        a.environment.insert(u"DATABASE_URL"_s, url);
        b.environment.insert(u"DATABASE_URL"_s, url);
        const QString id = a.add({u"Tagged"_s, u"--tag"_s, u"ÄRGER"_s, u"--tag"_s, u"İstanbul"_s, u"--tag"_s,
                                  u"Smith, John"_s, u"--tag"_s, u"ΟΔΟΣ"_s, u"--tag"_s, u"a keep"_s});
        sync(a);
        sync(b);
        QCOMPARE(tagsOf(b, id).size(), 5);

        const CliRunner::Result edited
            = a.cli({u"edit"_s, id, u"--remove-tag"_s, u"ärger"_s, u"--remove-tag"_s, u"İSTANBUL"_s,
                     u"--remove-tag"_s, u"smith, john"_s, u"--remove-tag"_s, u"οδος"_s});
        QCOMPARE(edited.exitCode, 0);
        QCOMPARE(tagsOf(a, id), QJsonArray{u"a keep"_s});
        sync(a);
        sync(b);
        QCOMPARE(tagsOf(b, id), QJsonArray{u"a keep"_s});
    }
};

QTEST_GUILESS_MAIN(CliTagsTest)
#include "clitagstest.moc"
