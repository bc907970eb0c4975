#include "clirunner.h"

#include "store/localdatabase.h"
#include "store/sqlhelpers.h"
#include "store/todostore.h"
#include "widgets/mainwindow.h"
#include "widgets/quickaddbar.h"
#include "widgets/todolistview.h"

#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// One intent, two writers: tandem-cli (a real process) and the window (real
// widgets and keys), each on its own copy of one cache. Both go through the
// edit layer, so they must leave the same changeset: the same outbox
// entries, field for field, and the same rows. Times and new ids differ by
// nature and are compared by shape only.
class CliSameEditTest : public QObject
{
    Q_OBJECT

private:
    struct Seed
    {
        QString errands, milk, bread;
    };

    // The cache both start from: an Errands list, and Milk and Bread in the Inbox.
    static Seed seed(const QString &path)
    {
        LocalDatabase database;
        if (!database.open(path).ok())
            qFatal("cannot open %s", qPrintable(path));
        TodoStore store(&database);
        const TodoList errands = store.newList(u"Errands"_s);
        const Todo milk = store.newTodo({}, u"Milk"_s);
        Todo bread = store.newTodo({}, u"Bread"_s);
        bread.position = milk.position + 1.0;
        if (!store.apply({{errands}, {milk, bread}}))
            qFatal("cannot seed: %s", qPrintable(store.lastError()));
        return {errands.id, milk.id, bread.id};
    }

    // A reader beside whoever has the file open (the window holds its lock).
    struct Reader
    {
        explicit Reader(const QString &path)
        {
            QString error;
            db = LocalDatabase::openExtraConnection(path, name, &error);
            if (!db.isOpen())
                qFatal("cannot read %s: %s", qPrintable(path), qPrintable(error));
        }
        ~Reader()
        {
            db.close();
            db = {};
            QSqlDatabase::removeDatabase(name);
        }
        const QString name = u"clisameedit-reader"_s;
        QSqlDatabase db;
    };

    static qint64 lastSeq(const QString &path)
    {
        const Reader reader(path);
        auto query = Sql::select(reader.db, u"SELECT COALESCE(MAX(seq), 0) FROM outbox"_s, {});
        return query && query->next() ? query->value(0).toLongLong() : -1;
    }

    // The outbox entries after `since`, and the live rows, as comparable text.
    static QStringList changes(const QString &path, qint64 since, const Seed &seed)
    {
        const Reader reader(path);
        const QSqlDatabase db = reader.db;
        const QSet<QString> known{seed.errands, seed.milk, seed.bread};
        auto idOf = [&](const QString &id) { return known.contains(id) ? id : u"(new)"_s; };
        QStringList result;
        auto entries = Sql::select(db, u"SELECT entity, entity_id, op, payload FROM outbox WHERE seq > ? ORDER BY seq"_s, {since});
        while (entries && entries->next()) {
            QJsonObject payload = QJsonDocument::fromJson(entries->value(3).toString().toUtf8()).object();
            for (const QString &key : payload.keys()) {
                if (key.endsWith(u"_at"_s) && !payload.value(key).isNull())
                    payload.insert(key, u"(time)"_s);
                if (key == u"id"_s)
                    payload.insert(key, idOf(payload.value(key).toString()));
            }
            result << u"outbox %1 %2 %3 %4"_s.arg(entries->value(0).toString(), idOf(entries->value(1).toString()),
                                                  entries->value(2).toString(),
                                                  QString::fromUtf8(QJsonDocument(payload).toJson(QJsonDocument::Compact)));
        }
        auto rows = Sql::select(db, u"SELECT id, list_id, title, position, completed, deleted_at IS NOT NULL"
                                    " FROM todos ORDER BY list_id, position"_s, {});
        while (rows && rows->next())
            result << u"row %1 %2 %3 %4 done=%5 deleted=%6"_s.arg(
                idOf(rows->value(0).toString()), rows->value(1).toString(), rows->value(2).toString(),
                QString::number(rows->value(3).toDouble()), rows->value(4).toString(), rows->value(5).toString());
        return result;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QLocale::setDefault(QLocale::c());
        QApplication::setQuitOnLastWindowClosed(false);
        QSettings().clear();
    }

    void shouldWriteTheSameChangesetFromTheCliAndTheWindow_data()
    {
        QTest::addColumn<QString>("intent");
        QTest::newRow("add to a list") << u"add"_s;
        QTest::newRow("complete") << u"complete"_s;
        QTest::newRow("move to another list") << u"move"_s;
        QTest::newRow("delete") << u"delete"_s;
        QTest::newRow("edit a title") << u"title"_s;
    }

    void shouldWriteTheSameChangesetFromTheCliAndTheWindow()
    {
        QFETCH(QString, intent);
        CliRunner cli;
        QTemporaryDir windowDir;
        const QString windowPath = windowDir.filePath(u"tandem.db"_s);
        const Seed ids = seed(cli.databasePath());
        QVERIFY(QFile::copy(cli.databasePath(), windowPath));
        const qint64 since = lastSeq(cli.databasePath());
        QCOMPARE(lastSeq(windowPath), since);

        // tandem-cli.
        CliRunner::Result ran;
        if (intent == u"add"_s)
            ran = cli.cli({u"add"_s, u"Buy stamps"_s, u"--list"_s, u"Errands"_s});
        else if (intent == u"complete"_s)
            ran = cli.cli({u"done"_s, ids.milk});
        else if (intent == u"move"_s)
            ran = cli.cli({u"edit"_s, ids.bread, u"--list"_s, u"Errands"_s});
        else if (intent == u"delete"_s)
            ran = cli.cli({u"delete"_s, ids.milk});
        else
            ran = cli.cli({u"edit"_s, ids.milk, u"--title"_s, u"Oat milk"_s});
        QVERIFY2(ran.exitCode == 0, ran.err.constData());

        // The window, by keys where a person uses keys.
        {
            LocalDatabase database;
            QVERIFY(database.open(windowPath).ok());
            TodoStore store(&database);
            MainWindow window(&database, &store);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            if (intent == u"add"_s) {
                window.selectFilter(TodoFilter::list(ids.errands));
                QLineEdit *input = window.quickAddBar()->input();
                input->setFocus();
                QTest::keyClicks(input, u"Buy stamps"_s);
                QTest::keyClick(input, Qt::Key_Return);
            } else {
                window.selectFilter(TodoFilter::list(store.inboxId()));
                const QString target = intent == u"move"_s ? ids.bread : ids.milk;
                QVERIFY(window.todoList()->selectId(target));
                window.todoList()->setFocus();
                if (intent == u"complete"_s) {
                    QTest::keyClick(window.todoList(), Qt::Key_Space);
                } else if (intent == u"delete"_s) {
                    QTest::keyClick(window.todoList(), Qt::Key_Delete);
                } else if (intent == u"move"_s) {
                    QMenu *menu = window.findChild<QMenu *>(u"menuMoveTo"_s);
                    QVERIFY(menu);
                    Q_EMIT menu->aboutToShow();
                    const QList<QAction *> targets = menu->actions();
                    auto errands = std::find_if(targets.begin(), targets.end(),
                                                [](QAction *a) { return a->text() == u"Errands"_s; });
                    QVERIFY(errands != targets.end());
                    (*errands)->trigger();
                } else {
                    QTest::keyClick(window.todoList(), Qt::Key_F2);
                    auto *title = window.findChild<QLineEdit *>(u"detailTitle"_s);
                    QVERIFY(title);
                    QTRY_VERIFY(title->hasFocus());
                    title->selectAll();
                    QTest::keyClicks(title, u"Oat milk"_s);
                    QTest::keyClick(title, Qt::Key_Return);
                }
            }
            QTRY_VERIFY(lastSeq(windowPath) > since);
        }

        const QStringList fromCli = changes(cli.databasePath(), since, ids);
        const QStringList fromWindow = changes(windowPath, since, ids);
        QVERIFY(fromCli.size() > 2); // an outbox entry and the two seeded rows, at least
        QVERIFY(fromCli.first().startsWith(u"outbox "_s));
        QCOMPARE(fromWindow, fromCli);
    }
};

QTEST_MAIN(CliSameEditTest)
#include "clisameedittest.moc"
