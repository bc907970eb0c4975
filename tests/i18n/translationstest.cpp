#include "translations.h"
#include "windowharness.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QLabel>
#include <QMenu>
#include <QPushButton>

using namespace Qt::StringLiterals;

// The window in the language of the system locale, loaded the way main()
// loads it (Translations::install); English for a language Tandem does not
// speak.
class TranslationsTest : public QObject
{
    Q_OBJECT

private:
    static QString menuTitle(const QWidget *window, const QString &name)
    {
        const auto *menu = window->findChild<QMenu *>(name);
        return menu ? menu->title() : u"(no %1)"_s.arg(name);
    }

    static QString actionText(const QWidget *window, const QString &name)
    {
        const auto *action = window->findChild<QAction *>(name);
        return action ? action->text() : u"(no %1)"_s.arg(name);
    }

private Q_SLOTS:
    void initTestCase() { WindowHarness::initTestEnvironment(); }
    void init() { WindowHarness::clearSettings(); }
    // The other tests of this process, and the next row, start from English.
    void cleanup() { Translations::install(QLocale(QLocale::English, QLocale::UnitedStates)); }

    void shouldShowTheWindowInTheLocalesLanguage_data()
    {
        QTest::addColumn<QLocale>("locale");
        QTest::addColumn<QStringList>("menus"); // File, Edit, List, View, Help
        QTest::addColumn<QStringList>("actions"); // New Todo, Undo, Quit, Sort by due date
        QTest::addColumn<QString>("oneTodo");
        QTest::addColumn<QString>("twoTodos");
        QTest::addColumn<QString>("cancelButton");

        const QStringList germanMenus {
            u"&Datei"_s, u"&Bearbeiten"_s, u"&Liste"_s, u"&Ansicht"_s, u"&Hilfe"_s};
        const QStringList germanActions {
            u"&Neue Aufgabe"_s, u"&Rückgängig"_s, u"&Beenden"_s, u"&Fälligkeitsdatum"_s};
        const QStringList englishMenus {u"&File"_s, u"&Edit"_s, u"&List"_s, u"&View"_s, u"&Help"_s};
        const QStringList englishActions {u"&New Todo"_s, u"&Undo"_s, u"&Quit"_s, u"&Due Date"_s};

        QTest::newRow("German") << QLocale(QLocale::German, QLocale::Germany) << germanMenus
                                << germanActions << u"1 Aufgabe"_s << u"2 Aufgaben"_s
                                << u"Abbrechen"_s;
        QTest::newRow("German, Austria: the German translation")
            << QLocale(QLocale::German, QLocale::Austria) << germanMenus << germanActions
            << u"1 Aufgabe"_s << u"2 Aufgaben"_s << u"Abbrechen"_s;
        QTest::newRow("English: the plural forms")
            << QLocale(QLocale::English, QLocale::UnitedKingdom) << englishMenus << englishActions
            << u"1 todo"_s << u"2 todos"_s << u"Cancel"_s;
        QTest::newRow("Japanese: no translation, so English")
            << QLocale(QLocale::Japanese, QLocale::Japan) << englishMenus << englishActions
            << u"1 todo"_s << u"2 todos"_s
            << QString(); // Qt has its own Japanese; not what this test is about
    }

    void shouldShowTheWindowInTheLocalesLanguage()
    {
        QFETCH(QLocale, locale);
        QFETCH(QStringList, menus);
        QFETCH(QStringList, actions);
        QFETCH(QString, oneTodo);
        QFETCH(QString, twoTodos);
        QFETCH(QString, cancelButton);

        QVERIFY(Translations::install(locale));
        WindowHarness h;
        h.data.addTodo(u"First"_s);
        QVERIFY(h.open());
        QWidget *window = h.window.get();

        const QStringList shownMenus {menuTitle(window, u"menuFile"_s),
            menuTitle(window, u"menuEdit"_s), menuTitle(window, u"menuList"_s),
            menuTitle(window, u"menuView"_s), menuTitle(window, u"menuHelp"_s)};
        QCOMPARE(shownMenus, menus);
        const QStringList shownActions {actionText(window, u"actionNewTodo"_s),
            actionText(window, u"actionUndo"_s), actionText(window, u"actionQuit"_s),
            actionText(window, u"actionSort%1"_s.arg(int(TodoModel::Sort::DueDate)))};
        QCOMPARE(shownActions, actions);

        // The plural forms, as the count under the list shows them.
        const auto *count = window->findChild<QLabel *>(u"listCount"_s);
        QVERIFY(count);
        QTRY_COMPARE(count->text(), oneTodo);
        h.data.addTodo(u"Second"_s);
        QTRY_COMPARE(count->text(), twoTodos);

        // Qt's own texts (qtbase_de.qm): the buttons of standard dialogs.
        if (!cancelButton.isEmpty()) {
            QDialogButtonBox buttons(QDialogButtonBox::Cancel);
            QCOMPARE(buttons.button(QDialogButtonBox::Cancel)->text().remove(u'&'), cancelButton);
        }
    }
};

QTEST_MAIN(TranslationsTest)
#include "translationstest.moc"
