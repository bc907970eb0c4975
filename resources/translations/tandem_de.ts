<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AppShell</name>
    <message>
        <source>Tandem keeps running</source>
        <translation>Tandem läuft weiter</translation>
    </message>
    <message>
        <source>Reminders still fire while the window is closed. Quit from the tray icon&apos;s menu.</source>
        <translation>Erinnerungen kommen weiter, solange das Fenster geschlossen ist. Beenden über das Menü des Symbols im Systembereich.</translation>
    </message>
</context>
<context>
    <name>BackupPage</name>
    <message>
        <source>Backup</source>
        <translation>Sicherung</translation>
    </message>
    <message>
        <source>A copy of the old file is made beside it and checked before anything else happens.</source>
        <translation>Neben der alten Datei wird eine Kopie angelegt und geprüft, bevor irgendetwas anderes geschieht.</translation>
    </message>
    <message>
        <source>Backup result</source>
        <translation>Ergebnis der Sicherung</translation>
    </message>
    <message>
        <source>Making the backup of %1…</source>
        <translation>Sicherung von %1 wird angelegt…</translation>
    </message>
    <message>
        <source>The backup could not be made: %1
Nothing was changed.</source>
        <translation>Die Sicherung konnte nicht angelegt werden: %1
Es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>Backup made and verified (integrity check and equal row counts):
%1

The old file itself is left exactly as it is.</source>
        <translation>Sicherung angelegt und geprüft (Integritätsprüfung und gleiche Zeilenzahlen):
%1

Die alte Datei selbst bleibt genau so, wie sie ist.</translation>
    </message>
</context>
<context>
    <name>BulkEditPane</name>
    <message>
        <source>Due date for all</source>
        <translation>Fälligkeitsdatum für alle</translation>
    </message>
    <message>
        <source>Tag</source>
        <translation>Schlagwort</translation>
    </message>
    <message>
        <source>Priority for all</source>
        <translation>Priorität für alle</translation>
    </message>
    <message>
        <source>List for all</source>
        <translation>Liste für alle</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <comment>due date in the detail pane</comment>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Setzen</translation>
    </message>
    <message>
        <source>No Date</source>
        <translation>Kein Datum</translation>
    </message>
    <message>
        <source>a tag</source>
        <translation>ein Schlagwort</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message numerus="yes">
        <source>%n todo(s) selected</source>
        <translation>
            <numerusform>%n Aufgabe ausgewählt</numerusform>
            <numerusform>%n Aufgaben ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
</context>
<context>
    <name>ClearAction</name>
    <message>
        <source>Clear</source>
        <translation>Leeren</translation>
    </message>
</context>
<context>
    <name>CliCommands</name>
    <message>
        <source>due %1</source>
        <comment>tandem-cli list: the due date of a todo</comment>
        <translation>fällig %1</translation>
    </message>
    <message>
        <source>No command given; see tandem-cli --help.</source>
        <translation>Kein Befehl angegeben; siehe tandem-cli --help.</translation>
    </message>
    <message>
        <source>No cloud database is configured for the %1 profile; set DATABASE_URL (or PGHOST and the other PG* variables), or put them in %2.</source>
        <translation>Für das Profil %1 ist keine Cloud-Datenbank eingerichtet; setzen Sie DATABASE_URL (oder PGHOST und die anderen PG*-Variablen) oder tragen Sie sie in %2 ein.</translation>
    </message>
    <message>
        <source>The sync failed.</source>
        <translation>Die Synchronisierung ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Run tandem-cli sync --yes to go ahead.</source>
        <translation>Führen Sie tandem-cli sync --yes aus, um fortzufahren.</translation>
    </message>
    <message>
        <source>Synced: pushed %1 changes, pulled %2 rows, %3 conflicts.
</source>
        <translation>Synchronisiert: %1 Änderungen gesendet, %2 Zeilen empfangen, %3 Konflikte.
</translation>
    </message>
    <message>
        <source>%1 is a subtask itself; subtasks are one level deep.</source>
        <translation>%1 ist selbst eine Unteraufgabe; Unteraufgaben haben nur eine Ebene.</translation>
    </message>
    <message>
        <source>This todo has subtasks of its own, so it cannot become a subtask.</source>
        <translation>Diese Aufgabe hat eigene Unteraufgaben und kann deshalb keine Unteraufgabe werden.</translation>
    </message>
    <message>
        <source>The quick-add line has no title.</source>
        <translation>Die Schnelleingabe enthält keinen Titel.</translation>
    </message>
    <message>
        <source>--remind-before needs a todo with a due date.</source>
        <translation>--remind-before braucht eine Aufgabe mit Fälligkeitsdatum.</translation>
    </message>
</context>
<context>
    <name>CliParser</name>
    <message>
        <source>A tag needs a name.</source>
        <translation>Ein Schlagwort braucht einen Namen.</translation>
    </message>
    <message>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir braucht einen Ordner.</translation>
    </message>
    <message>
        <source>Unknown profile &quot;%1&quot;; expected %2.</source>
        <translation>Unbekanntes Profil „%1“; erwartet: %2.</translation>
    </message>
    <message>
        <source>--list needs a list name.</source>
        <translation>--list braucht einen Listennamen.</translation>
    </message>
    <message>
        <source>Invalid priority &quot;%1&quot;; expected 0-3 (none, low, medium, high).</source>
        <translation>Ungültige Priorität „%1“; erwartet: 0-3 (none, low, medium, high).</translation>
    </message>
    <message>
        <source>A todo needs a title.</source>
        <translation>Eine Aufgabe braucht einen Titel.</translation>
    </message>
    <message>
        <source>add needs a title.</source>
        <translation>add braucht einen Titel.</translation>
    </message>
    <message>
        <source>%1 needs the id of a todo.</source>
        <translation>%1 braucht die ID einer Aufgabe.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>Unexpected argument: %1 (quote a title that has spaces)</source>
        <translation>Unerwartetes Argument: %1 (setzen Sie einen Titel mit Leerzeichen in Anführungszeichen)</translation>
    </message>
    <message>
        <source>%1 does not exist in this computer&apos;s time zone (the clocks skip it).</source>
        <translation>%1 gibt es in der Zeitzone dieses Computers nicht (die Uhr springt darüber hinweg).</translation>
    </message>
    <message>
        <source>Unknown option: %1</source>
        <translation>Unbekannte Option: %1</translation>
    </message>
    <message>
        <source>%1 needs a value.</source>
        <translation>%1 braucht einen Wert.</translation>
    </message>
    <message>
        <source>%1 takes no value.</source>
        <translation>%1 nimmt keinen Wert an.</translation>
    </message>
    <message>
        <source>No command given; see tandem-cli --help.</source>
        <translation>Kein Befehl angegeben; siehe tandem-cli --help.</translation>
    </message>
    <message>
        <source>Unknown command: %1 (see tandem-cli --help)</source>
        <translation>Unbekannter Befehl: %1 (siehe tandem-cli --help)</translation>
    </message>
    <message>
        <source>%1 is not an option of %2.</source>
        <translation>%1 ist keine Option von %2.</translation>
    </message>
    <message>
        <source>--due and --no-due cannot be used together.</source>
        <translation>--due und --no-due können nicht zusammen verwendet werden.</translation>
    </message>
    <message>
        <source>edit needs something to change (see tandem-cli --help).</source>
        <translation>edit braucht etwas zum Ändern (siehe tandem-cli --help).</translation>
    </message>
    <message>
        <source>Invalid due date &quot;%1&quot;; expected YYYY-MM-DD, YYYY-MM-DDTHH:MM, or words as in quick add, such as today, tomorrow, friday, next week, in 3 days, Dec 15 or tomorrow 3pm.</source>
        <translation>Ungültiges Fälligkeitsdatum „%1“; erwartet: JJJJ-MM-TT, JJJJ-MM-TTTHH:MM oder Wörter wie bei der Schnelleingabe, etwa today, tomorrow, friday, next week, in 3 days, Dec 15 oder tomorrow 3pm.</translation>
    </message>
    <message>
        <source>--repeat and --no-repeat cannot be used together.</source>
        <translation>--repeat und --no-repeat können nicht zusammen verwendet werden.</translation>
    </message>
    <message>
        <source>--start and --no-start cannot be used together.</source>
        <translation>--start und --no-start können nicht zusammen verwendet werden.</translation>
    </message>
    <message>
        <source>--parent and --no-parent cannot be used together.</source>
        <translation>--parent und --no-parent können nicht zusammen verwendet werden.</translation>
    </message>
    <message>
        <source>Invalid repeat rule &quot;%1&quot;: %2</source>
        <translation>Ungültige Wiederholungsregel „%1“: %2</translation>
    </message>
    <message>
        <source>Invalid --repeat-from &quot;%1&quot;; expected due or completion.</source>
        <translation>Ungültiges --repeat-from „%1“; erwartet: due oder completion.</translation>
    </message>
    <message>
        <source>--parent needs the id of a todo.</source>
        <translation>--parent braucht die ID einer Aufgabe.</translation>
    </message>
    <message>
        <source>--no-reminders cannot be used with --remind or --remind-before.</source>
        <translation>--no-reminders kann nicht mit --remind oder --remind-before verwendet werden.</translation>
    </message>
    <message>
        <source>Usage: tandem-cli [GLOBAL OPTIONS] COMMAND [ARGUMENTS] [OPTIONS]

Tandem without a window: the same local cache and sync as the desktop app,
for scripts and testing. Options may come before or after the command.

Commands:
  add TITLE [--list NAME] [--due DATE] [--priority P] [--tag T]... [--notes TEXT]
          [--repeat RULE] [--repeat-from due|completion] [--start DATE]
          [--parent ID] [--remind DATE]... [--remind-before DURATION]...
                      Add a todo; prints its id.
  add --quick &quot;TEXT&quot;  Add a todo from a line read as the window&apos;s quick add
                      reads it (&quot;Pay rent every month on the 1st #home&quot;).
                      Prints its id.
  list [--json] [--all]
                      Show the open todos with their lists (--all: the
                      completed ones too).
  edit ID [--title T] [--notes N] [--due DATE | --no-due] [--priority P]
          [--add-tag T]... [--remove-tag T]... [--list NAME]
          [--repeat RULE | --no-repeat] [--repeat-from due|completion]
          [--start DATE | --no-start] [--parent ID | --no-parent]
          [--remind DATE]... [--remind-before DURATION]... [--no-reminders]
                      Change a todo. --remind and --remind-before add
                      reminders; --no-reminders removes them all.
  done ID | undone ID | delete ID
                      Mark a todo done or not done, or delete it. Done on a
                      repeating todo completes the occurrence due and moves
                      the todo to its next one. Deleting a todo deletes its
                      subtasks.
  sync [--yes]        Push local changes and pull the cloud&apos;s, once.
                      --yes confirms a pull that would delete many todos.
  export [--json]     All lists and todos (with tags) as JSON; each todo&apos;s
                      &quot;reminders&quot; are the times its reminders fire next
                      (ISO-8601, UTC).
  help                This text.

Values:
  ID        a todo&apos;s id, or its first characters (at least 4) when no
            other todo&apos;s id starts with them
  DATE      YYYY-MM-DD, or YYYY-MM-DDTHH:MM in local time, or words as in
            the window&apos;s quick add: today, tomorrow, friday, next week,
            in 3 days, Dec 15, tomorrow 3pm
  DURATION  how long before the due a reminder fires: 15m, 2h, 1d, 1w,
            or a sum such as 1h30m. --remind DATE with a date alone
            reminds at 09:00 that day; so does --remind-before for a due
            date without a time, counted from 09:00 of the due day.
  P         0-3, or none, low, medium, high
  RULE      an RFC 5545 repeat rule, with or without RRULE:, such as
            FREQ=WEEKLY;BYDAY=MO,TH or FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6
            (FREQ DAILY, WEEKLY, MONTHLY or YEARLY; INTERVAL, BYDAY,
            BYMONTHDAY, BYMONTH, COUNT, UNTIL); it follows this computer&apos;s
            time zone. --repeat-from completion counts from the day it is
            done, as &quot;every!&quot; does in quick add.
  NAME      an existing list, any case; Inbox is the inbox
  T         a tag name; a leading # is dropped
  TITLE     one argument (quote it); after -- it may start with a dash

Global options:
  --data-dir DIR      Use DIR/tandem.db instead of the desktop app&apos;s cache.
  --profile PROFILE   development, staging or production (default:
                      TANDEM_PROFILE, else development). The server comes from
                      DATABASE_URL, the PG* variables or the profile&apos;s .env file.
  -h, --help          Show this text.
  --version           Show the version.

Exit status: 0 success, 1 failure (database, sync, unknown id or list),
2 wrong call (unknown command or option, missing or invalid value).
Errors are one line on stderr; QT_LOGGING_RULES=tandem.*=true shows the log.
</source>
        <translation>Aufruf: tandem-cli [GLOBALE OPTIONEN] BEFEHL [ARGUMENTE] [OPTIONEN]

Tandem ohne Fenster: derselbe lokale Zwischenspeicher und dieselbe
Synchronisierung wie in der Desktop-Anwendung, für Skripte und Tests.
Optionen dürfen vor oder nach dem Befehl stehen.

Befehle:
  add TITLE [--list NAME] [--due DATE] [--priority P] [--tag T]... [--notes TEXT]
          [--repeat RULE] [--repeat-from due|completion] [--start DATE]
          [--parent ID] [--remind DATE]... [--remind-before DURATION]...
                      Eine Aufgabe hinzufügen; gibt ihre ID aus.
  add --quick &quot;TEXT&quot;  Eine Aufgabe aus einer Zeile hinzufügen, gelesen wie die
                      Schnelleingabe im Fenster sie liest (&quot;Pay rent every
                      month on the 1st #home&quot;). Gibt ihre ID aus.
  list [--json] [--all]
                      Die offenen Aufgaben mit ihren Listen zeigen (--all:
                      auch die erledigten).
  edit ID [--title T] [--notes N] [--due DATE | --no-due] [--priority P]
          [--add-tag T]... [--remove-tag T]... [--list NAME]
          [--repeat RULE | --no-repeat] [--repeat-from due|completion]
          [--start DATE | --no-start] [--parent ID | --no-parent]
          [--remind DATE]... [--remind-before DURATION]... [--no-reminders]
                      Eine Aufgabe ändern. --remind und --remind-before fügen
                      Erinnerungen hinzu; --no-reminders entfernt alle.
  done ID | undone ID | delete ID
                      Eine Aufgabe als erledigt oder nicht erledigt markieren
                      oder sie löschen. Bei einer sich wiederholenden Aufgabe
                      erledigt done den fälligen Termin und rückt sie auf den
                      nächsten vor. Mit einer Aufgabe werden ihre
                      Unteraufgaben gelöscht.
  sync [--yes]        Lokale Änderungen senden und die der Cloud holen, einmal.
                      --yes bestätigt einen Abgleich, der viele Aufgaben löschen würde.
  export [--json]     Alle Listen und Aufgaben (mit Schlagwörtern) als JSON; die
                      &quot;reminders&quot; jeder Aufgabe sind die Zeiten, zu denen
                      ihre Erinnerungen als Nächstes kommen (ISO-8601, UTC).
  help                Dieser Text.

Werte:
  ID        die ID einer Aufgabe oder ihre ersten Zeichen (mindestens 4),
            wenn die ID keiner anderen Aufgabe so beginnt
  DATE      JJJJ-MM-TT oder JJJJ-MM-TTTHH:MM in Ortszeit, oder Wörter wie
            bei der Schnelleingabe im Fenster: today, tomorrow, friday,
            next week, in 3 days, Dec 15, tomorrow 3pm
  DURATION  wie lange vor der Fälligkeit eine Erinnerung kommt: 15m, 2h, 1d,
            1w oder eine Summe wie 1h30m. --remind DATE mit einem Datum
            allein erinnert um 09:00 an dem Tag; ebenso zählt --remind-before
            bei einem Fälligkeitsdatum ohne Uhrzeit ab 09:00 des Tages.
  P         0-3 oder none, low, medium, high
  RULE      eine Wiederholungsregel nach RFC 5545, mit oder ohne RRULE:, etwa
            FREQ=WEEKLY;BYDAY=MO,TH oder FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=6
            (FREQ DAILY, WEEKLY, MONTHLY oder YEARLY; INTERVAL, BYDAY,
            BYMONTHDAY, BYMONTH, COUNT, UNTIL); sie folgt der Zeitzone dieses
            Computers. --repeat-from completion zählt ab dem Tag der
            Erledigung, wie &quot;every!&quot; in der Schnelleingabe.
  NAME      eine vorhandene Liste, Groß-/Kleinschreibung egal; Inbox ist der Eingang
  T         ein Schlagwort; ein führendes # wird weggelassen
  TITLE     ein Argument (in Anführungszeichen); nach -- darf es mit einem
            Bindestrich beginnen

Globale Optionen:
  --data-dir DIR      DIR/tandem.db statt des Zwischenspeichers der
                      Desktop-Anwendung verwenden.
  --profile PROFILE   development, staging oder production (Vorgabe:
                      TANDEM_PROFILE, sonst development). Der Server kommt aus
                      DATABASE_URL, den PG*-Variablen oder der .env-Datei des Profils.
  -h, --help          Diesen Text zeigen.
  --version           Die Version zeigen.

Rückgabewert: 0 Erfolg, 1 Fehler (Datenbank, Synchronisierung, unbekannte ID
oder Liste), 2 falscher Aufruf (unbekannter Befehl oder unbekannte Option,
fehlender oder ungültiger Wert).
Fehler stehen in einer Zeile auf stderr; QT_LOGGING_RULES=tandem.*=true zeigt das Protokoll.
</translation>
    </message>
    <message>
        <source>Invalid duration &quot;%1&quot;; expected minutes, hours, days or weeks such as 15m, 2h, 1d or 1h30m.</source>
        <translation>Ungültige Dauer „%1“; erwartet sind Minuten, Stunden, Tage oder Wochen wie 15m, 2h, 1d oder 1h30m.</translation>
    </message>
</context>
<context>
    <name>CloudImporter</name>
    <message>
        <source>the import could not be claimed</source>
        <translation>der Import konnte nicht für diesen Lauf reserviert werden</translation>
    </message>
    <message>
        <source>this file was already migrated</source>
        <translation>diese Datei wurde bereits migriert</translation>
    </message>
    <message>
        <source>another migration of this file is running</source>
        <translation>eine andere Migration dieser Datei läuft gerade</translation>
    </message>
    <message numerus="yes">
        <source>%1; %2 of %n todos are in the cloud, and running the migration again resumes it</source>
        <translation>
            <numerusform>%1; %2 von %n Aufgabe ist in der Cloud, und ein neuer Lauf der Migration macht dort weiter</numerusform>
            <numerusform>%1; %2 von %n Aufgaben sind in der Cloud, und ein neuer Lauf der Migration macht dort weiter</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot read the backup (%1)</source>
        <translation>die Sicherung kann nicht gelesen werden (%1)</translation>
    </message>
    <message>
        <source>batch %1 failed (%2)</source>
        <translation>Stapel %1 ist fehlgeschlagen (%2)</translation>
    </message>
    <message numerus="yes">
        <source>cancelled after %1 of %n todos; the cloud holds whole batches only, and running the migration again resumes it</source>
        <translation>
            <numerusform>abgebrochen nach %1 von %n Aufgabe; die Cloud enthält nur ganze Stapel, und ein neuer Lauf der Migration macht dort weiter</numerusform>
            <numerusform>abgebrochen nach %1 von %n Aufgaben; die Cloud enthält nur ganze Stapel, und ein neuer Lauf der Migration macht dort weiter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the file had %n todos when it was read, %1 now</source>
        <translation>
            <numerusform>die Datei hatte beim Lesen %n Aufgabe, jetzt %1</numerusform>
            <numerusform>die Datei hatte beim Lesen %n Aufgaben, jetzt %1</numerusform>
        </translation>
    </message>
    <message>
        <source>the server does not store timestamps as integers (integer_datetimes is not on)</source>
        <translation>der Server speichert Zeitstempel nicht als Ganzzahlen (integer_datetimes ist aus)</translation>
    </message>
    <message>
        <source>the server runs PostgreSQL %1; the migration needs 14 or later</source>
        <translation>der Server läuft mit PostgreSQL %1; die Migration braucht 14 oder neuer</translation>
    </message>
</context>
<context>
    <name>CloudPage</name>
    <message>
        <source>Cloud Connection</source>
        <translation>Cloud-Verbindung</translation>
    </message>
    <message>
        <source>Cloud database</source>
        <translation>Cloud-Datenbank</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Verbindung &amp;testen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Server: %1
Database: %2
User: %3</source>
        <translation>Server: %1
Datenbank: %2
Benutzer: %3</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Verbindung wird hergestellt…</translation>
    </message>
    <message>
        <source>Connected: PostgreSQL %1, %2, %3 ms.</source>
        <translation>Verbunden: PostgreSQL %1, %2, %3 ms.</translation>
    </message>
    <message>
        <source>encrypted</source>
        <translation>verschlüsselt</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>unverschlüsselt</translation>
    </message>
    <message>
        <source>Cannot connect: %1
%2</source>
        <translation>Keine Verbindung möglich: %1
%2</translation>
    </message>
    <message>
        <source>The todos go to the cloud database of your sync settings, and from there to every computer you use.</source>
        <translation>Die Aufgaben kommen in die Cloud-Datenbank aus Ihren Synchronisierungseinstellungen und von dort auf jeden Computer, den Sie nutzen.</translation>
    </message>
    <message>
        <source>No cloud database is set up. Paste your Neon connection string in Sync Settings first, then import.</source>
        <translation>Es ist keine Cloud-Datenbank eingerichtet. Fügen Sie zuerst in den Synchronisierungseinstellungen Ihre Neon-Verbindungszeichenkette ein und importieren Sie dann.</translation>
    </message>
</context>
<context>
    <name>CloudSchema</name>
    <message>
        <source>The cloud database is not set up for Tandem yet, and this role may not set it up. Sync once as the database&apos;s owner (for example with tandem-cli sync), then try again.</source>
        <translation>Die Cloud-Datenbank ist noch nicht für Tandem eingerichtet, und diese Rolle darf sie nicht einrichten. Synchronisieren Sie einmal als Eigentümer der Datenbank (zum Beispiel mit tandem-cli sync) und versuchen Sie es dann erneut.</translation>
    </message>
    <message>
        <source>The cloud database uses a newer Tandem (schema %1; this one knows %2). Please update Tandem; until then it will not write to the cloud.</source>
        <translation>Die Cloud-Datenbank verwendet ein neueres Tandem (Schema %1; dieses kennt %2). Bitte aktualisieren Sie Tandem; bis dahin schreibt es nicht in die Cloud.</translation>
    </message>
    <message>
        <source>Cloud schema step %1 differs from the one this Tandem knows. Refusing to sync until it is checked.</source>
        <translation>Schritt %1 des Cloud-Schemas weicht von dem ab, den dieses Tandem kennt. Die Synchronisierung bleibt aus, bis das geprüft ist.</translation>
    </message>
    <message>
        <source>Cloud schema step %1 failed: %2</source>
        <translation>Schritt %1 des Cloud-Schemas ist fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>The cloud database needs an update of Tandem&apos;s schema (step %1) that only the owner of its tables may make. Sync once as that role (for example with tandem-cli sync), then try again.</source>
        <translation>Die Cloud-Datenbank braucht ein Update von Tandems Schema (Schritt %1), das nur der Eigentümer ihrer Tabellen vornehmen darf. Synchronisieren Sie einmal als diese Rolle (zum Beispiel mit tandem-cli sync) und versuchen Sie es dann erneut.</translation>
    </message>
</context>
<context>
    <name>CommandLine</name>
    <message>
        <source>Tandem keeps your todos on this computer and in step with your other desktops.</source>
        <translation>Tandem hält Ihre Aufgaben auf diesem Computer und im Gleichschritt mit Ihren anderen Desktops.</translation>
    </message>
    <message>
        <source>Keep the database in &lt;dir&gt; instead of the usual place.</source>
        <translation>Die Datenbank in &lt;dir&gt; statt am üblichen Ort ablegen.</translation>
    </message>
    <message>
        <source>dir</source>
        <translation>dir</translation>
    </message>
    <message>
        <source>Use the settings of &lt;profile&gt;: development, staging or production.</source>
        <translation>Die Einstellungen von &lt;profile&gt; verwenden: development, staging oder production.</translation>
    </message>
    <message>
        <source>profile</source>
        <translation>profile</translation>
    </message>
    <message>
        <source>--data-dir needs a folder.</source>
        <translation>--data-dir braucht einen Ordner.</translation>
    </message>
    <message>
        <source>Unexpected argument: %1</source>
        <translation>Unerwartetes Argument: %1</translation>
    </message>
    <message>
        <source>Start without a window: the tray icon and the reminders only.</source>
        <translation>Ohne Fenster starten: nur das Symbol im Systembereich und die Erinnerungen.</translation>
    </message>
    <message>
        <source>Open the window with its quick-add line focused.</source>
        <translation>Das Fenster mit der Schnelleingabe im Fokus öffnen.</translation>
    </message>
</context>
<context>
    <name>CompleteParentDialog</name>
    <message>
        <source>Complete Todo</source>
        <translation>Todo erledigen</translation>
    </message>
    <message numerus="yes">
        <source>“%1” has %n open subtask(s). Complete them too?</source>
        <translation>
            <numerusform>„%1“ hat %n offene Unteraufgabe. Auch erledigen?</numerusform>
            <numerusform>„%1“ hat %n offene Unteraufgaben. Auch erledigen?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %1 selected todos have %n open subtask(s). Complete them too?</source>
        <translation>
            <numerusform>Die %1 ausgewählten Todos haben %n offene Unteraufgabe. Auch erledigen?</numerusform>
            <numerusform>Die %1 ausgewählten Todos haben %n offene Unteraufgaben. Auch erledigen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Either way, Undo brings everything back.</source>
        <translation>In beiden Fällen holt Rückgängig alles zurück.</translation>
    </message>
    <message>
        <source>Complete All</source>
        <translation>Alle erledigen</translation>
    </message>
    <message>
        <source>Complete Only This</source>
        <translation>Nur dieses erledigen</translation>
    </message>
</context>
<context>
    <name>ConflictLogDialog</name>
    <message>
        <source>Conflict Log</source>
        <translation>Konfliktprotokoll</translation>
    </message>
    <message>
        <source>When two desktops changed the same todo, the later change was kept. These are the values it replaced, newest first. Restore puts a value back (you can undo it); Dismiss hides the entry.</source>
        <translation>Wenn zwei Desktops dieselbe Aufgabe geändert haben, wurde die spätere Änderung behalten. Hier stehen die Werte, die sie ersetzt hat, die neuesten zuerst. „Wiederherstellen“ setzt einen Wert zurück (das lässt sich rückgängig machen); „Verwerfen“ blendet den Eintrag aus.</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Konflikte</translation>
    </message>
    <message>
        <source>No conflicts. When two desktops change the same todo, the value that was replaced shows up here.</source>
        <translation>Keine Konflikte. Wenn zwei Desktops dieselbe Aufgabe ändern, erscheint hier der Wert, der ersetzt wurde.</translation>
    </message>
    <message>
        <source>Conflict log status</source>
        <translation>Status des Konfliktprotokolls</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>Wieder&amp;herstellen</translation>
    </message>
    <message>
        <source>Restore the overwritten value</source>
        <translation>Den überschriebenen Wert wiederherstellen</translation>
    </message>
    <message>
        <source>Put the overwritten value back. Edit ▸ Undo takes it back again.</source>
        <translation>Den überschriebenen Wert zurücksetzen. Bearbeiten ▸ Rückgängig nimmt das wieder zurück.</translation>
    </message>
    <message>
        <source>&amp;Dismiss</source>
        <translation>&amp;Verwerfen</translation>
    </message>
    <message>
        <source>Dismiss the entry</source>
        <translation>Den Eintrag verwerfen</translation>
    </message>
    <message>
        <source>Hide the entry from the log.</source>
        <translation>Den Eintrag im Protokoll ausblenden.</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>“%1”: this change of a list cannot be restored.</source>
        <translation>„%1“: Diese Änderung einer Liste kann nicht wiederhergestellt werden.</translation>
    </message>
    <message>
        <source>“%1” is no longer on this computer.</source>
        <translation>„%1“ ist nicht mehr auf diesem Computer.</translation>
    </message>
    <message>
        <source>“%1” has been deleted since; its old value cannot go back into it.</source>
        <translation>„%1“ wurde inzwischen gelöscht; der alte Wert kann nicht mehr hinein.</translation>
    </message>
    <message>
        <source>“%1”: its old list is gone.</source>
        <translation>„%1“: Die alte Liste gibt es nicht mehr.</translation>
    </message>
    <message>
        <source>“%1”: this value cannot be restored.</source>
        <translation>„%1“: Dieser Wert kann nicht wiederhergestellt werden.</translation>
    </message>
    <message numerus="yes">
        <source>Restore %n Value(s) from the Conflict Log</source>
        <translation>
            <numerusform>%n Wert aus dem Konfliktprotokoll wiederherstellen</numerusform>
            <numerusform>%n Werte aus dem Konfliktprotokoll wiederherstellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n value(s). Edit ▸ Undo (Ctrl+Z) takes it back.</source>
        <translation>
            <numerusform>%n Wert wiederhergestellt. Bearbeiten ▸ Rückgängig (Strg+Z) nimmt das zurück.</numerusform>
            <numerusform>%n Werte wiederhergestellt. Bearbeiten ▸ Rückgängig (Strg+Z) nimmt das zurück.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to restore: the values are already there.</source>
        <translation>Nichts wiederherzustellen: Die Werte sind schon da.</translation>
    </message>
    <message>
        <source>Could not dismiss: %1</source>
        <translation>Verwerfen nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>Dismissed %n entry(ies).</source>
        <translation>
            <numerusform>%n Eintrag verworfen.</numerusform>
            <numerusform>%n Einträge verworfen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictModel</name>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Todo</source>
        <translation>Aufgabe</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Feld</translation>
    </message>
    <message>
        <source>Overwritten Value</source>
        <translation>Überschriebener Wert</translation>
    </message>
    <message>
        <source>Kept Value</source>
        <translation>Behaltener Wert</translation>
    </message>
    <message>
        <source>What Happened</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>List name</source>
        <translation>Listenname</translation>
    </message>
    <message>
        <source>List order</source>
        <translation>Listenreihenfolge</translation>
    </message>
    <message>
        <source>List deleted</source>
        <translation>Liste gelöscht</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Completed at</source>
        <translation>Erledigt am</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Due at a time</source>
        <translation>Fällig zu einer Uhrzeit</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Reihenfolge</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Gelöscht</translation>
    </message>
    <message>
        <source>Overwritten</source>
        <translation>Überschrieben</translation>
    </message>
    <message>
        <source>Edit of a deleted todo</source>
        <translation>Bearbeitung einer gelöschten Aufgabe</translation>
    </message>
    <message>
        <source>(a list no longer on this computer)</source>
        <translation>(eine Liste, die nicht mehr auf diesem Computer ist)</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>%1 (deleted list)</source>
        <translation>%1 (gelöschte Liste)</translation>
    </message>
    <message>
        <source>%1 (list)</source>
        <translation>%1 (Liste)</translation>
    </message>
    <message>
        <source>(a todo no longer on this computer)</source>
        <translation>(eine Aufgabe, die nicht mehr auf diesem Computer ist)</translation>
    </message>
    <message>
        <source>(untitled)</source>
        <translation>(ohne Titel)</translation>
    </message>
    <message>
        <source>%1 (deleted)</source>
        <translation>%1 (gelöscht)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>None</source>
        <comment>priority</comment>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Low</source>
        <comment>priority</comment>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <comment>priority</comment>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <comment>priority</comment>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(leer)</translation>
    </message>
    <message>
        <source>Subtask of</source>
        <translation>Unteraufgabe von</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>Kept as a todo: its parent was deleted</source>
        <translation>Als Aufgabe behalten: die übergeordnete Aufgabe wurde gelöscht</translation>
    </message>
</context>
<context>
    <name>ConnectionConfig</name>
    <message>
        <source>Unknown connection parameter &quot;%1&quot; (not a libpq keyword).</source>
        <translation>Unbekannter Verbindungsparameter „%1“ (kein libpq-Schlüsselwort).</translation>
    </message>
    <message>
        <source>The value of &quot;%1&quot; contains &quot;;&quot;, which Qt&apos;s PostgreSQL driver cannot pass on to libpq.</source>
        <translation>Der Wert von „%1“ enthält „;“, was der PostgreSQL-Treiber von Qt nicht an libpq weitergeben kann.</translation>
    </message>
    <message>
        <source>Multiple hosts (host1,host2) are not supported; give exactly one host.</source>
        <translation>Mehrere Hosts (host1,host2) werden nicht unterstützt; geben Sie genau einen Host an.</translation>
    </message>
    <message>
        <source>%1 must be a whole number of seconds (0 or more).</source>
        <translation>%1 muss eine ganze Zahl von Sekunden sein (0 oder mehr).</translation>
    </message>
    <message>
        <source>Unknown %1 &quot;%2&quot;; expected %3.</source>
        <translation>Unbekannter Wert für %1: „%2“; erwartet: %3.</translation>
    </message>
    <message>
        <source>The port must be a number from 1 to %1.</source>
        <translation>Der Port muss eine Zahl von 1 bis %1 sein.</translation>
    </message>
    <message>
        <source>keepalives must be 0 (off) or 1 (on).</source>
        <translation>keepalives muss 0 (aus) oder 1 (an) sein.</translation>
    </message>
</context>
<context>
    <name>ConnectionProbe</name>
    <message>
        <source>The QPSQL driver is not installed.</source>
        <translation>Der QPSQL-Treiber ist nicht installiert.</translation>
    </message>
</context>
<context>
    <name>ConnectionString</name>
    <message>
        <source>Unknown connection parameter &quot;%1&quot; (not a libpq keyword).</source>
        <translation>Unbekannter Verbindungsparameter „%1“ (kein libpq-Schlüsselwort).</translation>
    </message>
    <message>
        <source>The URI has a &quot;%&quot; that is not followed by two hex digits; write a literal &quot;%&quot; as %25.</source>
        <translation>Die URI enthält ein „%“, auf das keine zwei Hexadezimalziffern folgen; schreiben Sie ein wörtliches „%“ als %25.</translation>
    </message>
    <message>
        <source>The URI contains %00, which a connection parameter cannot hold.</source>
        <translation>Die URI enthält %00, was ein Verbindungsparameter nicht aufnehmen kann.</translation>
    </message>
    <message>
        <source>Multiple hosts (host1,host2) are not supported; give exactly one host.</source>
        <translation>Mehrere Hosts (host1,host2) werden nicht unterstützt; geben Sie genau einen Host an.</translation>
    </message>
    <message>
        <source>The IPv6 address in the URI has no closing &quot;]&quot;.</source>
        <translation>Der IPv6-Adresse in der URI fehlt die schließende „]“.</translation>
    </message>
    <message>
        <source>Unexpected text after the IPv6 address in the URI (expected [address]:port).</source>
        <translation>Unerwarteter Text nach der IPv6-Adresse in der URI (erwartet: [Adresse]:Port).</translation>
    </message>
    <message>
        <source>An IPv6 address in a URI must be in brackets, e.g. postgresql://[::1]:5432/db.</source>
        <translation>Eine IPv6-Adresse in einer URI muss in eckigen Klammern stehen, z. B. postgresql://[::1]:5432/db.</translation>
    </message>
    <message>
        <source>The URI contains &quot;#&quot;; percent-encode it as %23 (e.g. in the password).</source>
        <translation>Die URI enthält „#“; kodieren Sie es als %23 (z. B. im Passwort).</translation>
    </message>
    <message>
        <source>The port in the URI is not a number (if the password contains &quot;/&quot; or &quot;?&quot;, percent-encode them as %2F and %3F).</source>
        <translation>Der Port in der URI ist keine Zahl (wenn das Passwort „/“ oder „?“ enthält, kodieren Sie sie als %2F und %3F).</translation>
    </message>
    <message>
        <source>A parameter in the URI query has no &quot;key=&quot; (expected ?key=value&amp;key=value).</source>
        <translation>Einem Parameter in der Abfrage der URI fehlt „key=“ (erwartet: ?key=value&amp;key=value).</translation>
    </message>
    <message>
        <source>The URI has no host (expected postgresql://user:password@host/database).</source>
        <translation>Die URI hat keinen Host (erwartet: postgresql://benutzer:passwort@host/datenbank).</translation>
    </message>
    <message>
        <source>The password seems to contain a space; put it in single quotes: password=&apos;...&apos;.</source>
        <translation>Das Passwort scheint ein Leerzeichen zu enthalten; setzen Sie es in einfache Anführungszeichen: password=&apos;...&apos;.</translation>
    </message>
    <message>
        <source>Malformed connection string: the word at character %1 has no &quot;=&quot; (expected key=value pairs separated by spaces).</source>
        <translation>Fehlerhafte Verbindungszeichenkette: Dem Wort bei Zeichen %1 fehlt „=“ (erwartet: durch Leerzeichen getrennte key=value-Paare).</translation>
    </message>
    <message>
        <source>Malformed connection string: the &quot;=&quot; at character %1 has no key before it.</source>
        <translation>Fehlerhafte Verbindungszeichenkette: Vor dem „=“ bei Zeichen %1 steht kein Schlüssel.</translation>
    </message>
    <message>
        <source>Malformed connection string: the quoted value that starts at character %1 has no closing &quot;&apos;&quot;.</source>
        <translation>Fehlerhafte Verbindungszeichenkette: Dem Wert in Anführungszeichen, der bei Zeichen %1 beginnt, fehlt das schließende „&apos;“.</translation>
    </message>
    <message>
        <source>The connection string is empty.</source>
        <translation>Die Verbindungszeichenkette ist leer.</translation>
    </message>
    <message>
        <source>Unsupported URI scheme &quot;%1://&quot;; use postgresql:// or postgres://, or libpq key=value pairs.</source>
        <translation>Nicht unterstütztes URI-Schema „%1://“; verwenden Sie postgresql:// oder postgres:// oder key=value-Paare von libpq.</translation>
    </message>
</context>
<context>
    <name>DatabaseOpener</name>
    <message>
        <source>Tandem</source>
        <translation>Tandem</translation>
    </message>
    <message>
        <source>Your todo database is missing.</source>
        <translation>Ihre Aufgabendatenbank fehlt.</translation>
    </message>
    <message>
        <source>Tandem used %1 before, but the file is no longer there. If you moved it, put it back and choose Retry. Otherwise Tandem can start with an empty database.</source>
        <translation>Tandem hat bisher %1 verwendet, aber die Datei ist nicht mehr da. Wenn Sie sie verschoben haben, legen Sie sie zurück und wählen Sie „Erneut versuchen“. Andernfalls kann Tandem mit einer leeren Datenbank starten.</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Start Empty</source>
        <translation>Leer starten</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>File: %1
%2</source>
        <translation>Datei: %1
%2</translation>
    </message>
    <message>
        <source>Tandem will not change or delete the file. It can set the file aside under a new name, so that nothing is lost, and start with an empty database.</source>
        <translation>Tandem wird die Datei weder ändern noch löschen. Es kann die Datei unter einem neuen Namen beiseitelegen, damit nichts verloren geht, und mit einer leeren Datenbank starten.</translation>
    </message>
    <message>
        <source>Set Aside and Start Empty</source>
        <translation>Beiseitelegen und leer starten</translation>
    </message>
    <message>
        <source>The damaged file was kept as %1.</source>
        <translation>Die beschädigte Datei wurde als %1 aufbewahrt.</translation>
    </message>
    <message>
        <source>Close the other Tandem window, or wait until tandem-cli has finished syncing, then choose Retry.</source>
        <translation>Schließen Sie das andere Tandem-Fenster oder warten Sie, bis tandem-cli mit dem Synchronisieren fertig ist, und wählen Sie dann „Erneut versuchen“.</translation>
    </message>
</context>
<context>
    <name>DayHeading</name>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Morgen</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>dddd d MMM</source>
        <translation>dddd, d. MMM</translation>
    </message>
    <message>
        <source>dddd d MMM yyyy</source>
        <translation>dddd, d. MMM yyyy</translation>
    </message>
</context>
<context>
    <name>DeleteListDialog</name>
    <message>
        <source>Delete List</source>
        <translation>Liste löschen</translation>
    </message>
    <message numerus="yes">
        <source>Delete the list “%1”? It has %n todo(s).</source>
        <translation>
            <numerusform>Die Liste „%1“ löschen? Sie enthält %n Aufgabe.</numerusform>
            <numerusform>Die Liste „%1“ löschen? Sie enthält %n Aufgaben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Either way, Undo brings everything back.</source>
        <translation>In beiden Fällen holt Rückgängig alles zurück.</translation>
    </message>
    <message numerus="yes">
        <source>Move Its %n Todo(s) to Inbox</source>
        <translation>
            <numerusform>Ihre %n Aufgabe in den Eingang verschieben</numerusform>
            <numerusform>Ihre %n Aufgaben in den Eingang verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete Them Too</source>
        <translation>Sie auch löschen</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>Select a todo to see its details</source>
        <translation>Wählen Sie eine Aufgabe aus, um ihre Details zu sehen</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Titel</translation>
    </message>
    <message>
        <source>List</source>
        <translation>Liste</translation>
    </message>
    <message>
        <source>Has a due date</source>
        <translation>Hat ein Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Due date</source>
        <translation>Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>at</source>
        <translation>um</translation>
    </message>
    <message>
        <source>Has a due time</source>
        <translation>Hat eine Fälligkeitszeit</translation>
    </message>
    <message>
        <source>Due time</source>
        <translation>Fälligkeitszeit</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notizen</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>Give this todo a due date</source>
        <translation>Dieser Aufgabe ein Fälligkeitsdatum geben</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <comment>due date in the detail pane</comment>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <source>Due at a time of day, not just on the date</source>
        <translation>Zu einer Uhrzeit fällig, nicht nur am Tag</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Mittel</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>e.g. work, errands</source>
        <translation>z. B. Arbeit, Besorgungen</translation>
    </message>
    <message>
        <source>Separate tags with commas</source>
        <translation>Schlagwörter durch Kommas trennen</translation>
    </message>
    <message>
        <source>Add notes…</source>
        <translation>Notizen hinzufügen…</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Fällig</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Geändert</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>Als nicht erledigt markieren</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Beginnt</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Your old todos are in the list &quot;Imported&quot;.</source>
        <translation>Ihre alten Aufgaben sind in der Liste „Imported“.</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>Zusammenfassung</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>Importbericht</translation>
    </message>
    <message>
        <source>&amp;Open the Imported List</source>
        <translation>Liste „Imported“ ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Open the Imported list</source>
        <translation>Die Liste „Imported“ öffnen</translation>
    </message>
    <message numerus="yes">
        <source>%n todo(s) imported and validated. %1</source>
        <translation>
            <numerusform>%n Aufgabe importiert und geprüft. %1</numerusform>
            <numerusform>%n Aufgaben importiert und geprüft. %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Every row arrived as it was.</source>
        <translation>Jede Zeile ist unverändert angekommen.</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were repaired or left out (listed in the report below).</source>
        <translation>
            <numerusform>%n Zeile wurde repariert oder ausgelassen (im Bericht unten aufgeführt).</numerusform>
            <numerusform>%n Zeilen wurden repariert oder ausgelassen (im Bericht unten aufgeführt).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No todos match “%1”</source>
        <translation>Keine Aufgaben passen zu „%1“</translation>
    </message>
    <message>
        <source>Welcome to Tandem</source>
        <translation>Willkommen bei Tandem</translation>
    </message>
    <message>
        <source>Nothing due today</source>
        <translation>Heute ist nichts fällig</translation>
    </message>
    <message>
        <source>Nothing coming up</source>
        <translation>Nichts steht an</translation>
    </message>
    <message>
        <source>Nothing overdue</source>
        <translation>Nichts überfällig</translation>
    </message>
    <message>
        <source>Nothing completed yet</source>
        <translation>Noch nichts erledigt</translation>
    </message>
    <message>
        <source>No todos here yet</source>
        <translation>Hier gibt es noch keine Aufgaben</translation>
    </message>
    <message>
        <source>Press Escape to clear the search.</source>
        <translation>Mit Escape leeren Sie die Suche.</translation>
    </message>
    <message>
        <source>New todo</source>
        <translation>Neue Aufgabe</translation>
    </message>
    <message>
        <source>Search all lists</source>
        <translation>In allen Listen suchen</translation>
    </message>
    <message>
        <source>All shortcuts</source>
        <translation>Alle Tastenkürzel</translation>
    </message>
    <message>
        <source>Type a todo in the line above and press Enter.</source>
        <translation>Tippen Sie eine Aufgabe in die Zeile oben und drücken Sie die Eingabetaste.</translation>
    </message>
    <message>
        <source>Words like “tomorrow 15:00”, “!high” and “#work” set its due, priority and tags.</source>
        <translation>Wörter wie „tomorrow 15:00“, „!high“ und „#arbeit“ setzen Fälligkeit, Priorität und Schlagwörter.</translation>
    </message>
</context>
<context>
    <name>EnvFile</name>
    <message>
        <source>Cannot read %1: %2.</source>
        <translation>%1 kann nicht gelesen werden: %2.</translation>
    </message>
    <message>
        <source>%1, line %2: %3</source>
        <translation>%1, Zeile %2: %3</translation>
    </message>
    <message>
        <source>expected KEY=value, but the line has no &quot;=&quot;.</source>
        <translation>KEY=value erwartet, aber die Zeile hat kein „=“.</translation>
    </message>
    <message>
        <source>expected KEY=value, but the part before &quot;=&quot; is not a variable name (letters, digits and _).</source>
        <translation>KEY=value erwartet, aber der Teil vor „=“ ist kein Variablenname (Buchstaben, Ziffern und _).</translation>
    </message>
    <message>
        <source>the value of %1 has no closing %2 (values span one line).</source>
        <translation>dem Wert von %1 fehlt das schließende %2 (Werte reichen über eine Zeile).</translation>
    </message>
    <message>
        <source>unexpected text after the closing quote of %1.</source>
        <translation>unerwarteter Text nach dem schließenden Anführungszeichen von %1.</translation>
    </message>
</context>
<context>
    <name>EnvFileWriter</name>
    <message>
        <source>%1 is not a variable name (letters, digits and _).</source>
        <translation>%1 ist kein Variablenname (Buchstaben, Ziffern und _).</translation>
    </message>
    <message>
        <source>The value of %1 has a line break: a settings file holds one line per value.</source>
        <translation>Der Wert von %1 enthält einen Zeilenumbruch: Eine Einstellungsdatei hat für jeden Wert eine Zeile.</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>IdentitySwitch</name>
    <message>
        <source>The cache&apos;s sync state could not be written.</source>
        <translation>Der Sync-Zustand des Zwischenspeichers konnte nicht geschrieben werden.</translation>
    </message>
</context>
<context>
    <name>ImportValidator</name>
    <message>
        <source>todo %1: missing in the cloud</source>
        <translation>Aufgabe %1: fehlt in der Cloud</translation>
    </message>
    <message>
        <source>todo %1: the cloud&apos;s values differ from the legacy row&apos;s</source>
        <translation>Aufgabe %1: die Werte in der Cloud weichen von denen der alten Zeile ab</translation>
    </message>
    <message>
        <source>todo %1: the cloud&apos;s tags (%2) differ from the legacy row&apos;s (%3)</source>
        <translation>Aufgabe %1: die Schlagwörter in der Cloud (%2) weichen von denen der alten Zeile (%3) ab</translation>
    </message>
    <message>
        <source>todo %1: in the cloud&apos;s Imported list but not in the legacy file</source>
        <translation>Aufgabe %1: in der Liste „Imported“ der Cloud, aber nicht in der alten Datei</translation>
    </message>
    <message>
        <source>the cloud&apos;s checksum over all rows differs, but no single row does</source>
        <translation>die Prüfsumme der Cloud über alle Zeilen weicht ab, aber keine einzelne Zeile</translation>
    </message>
    <message>
        <source>another run took the import over meanwhile</source>
        <translation>ein anderer Lauf hat den Import inzwischen übernommen</translation>
    </message>
</context>
<context>
    <name>LegacyReader</name>
    <message>
        <source>invalid UTF-8 replaced with U+FFFD</source>
        <translation>ungültiges UTF-8 durch U+FFFD ersetzt</translation>
    </message>
    <message>
        <source>NUL characters removed</source>
        <translation>NUL-Zeichen entfernt</translation>
    </message>
    <message>
        <source>empty title: imported as &quot;(untitled)&quot;</source>
        <translation>leerer Titel: als „(untitled)“ importiert</translation>
    </message>
    <message>
        <source>spaces around the title removed</source>
        <translation>Leerzeichen um den Titel entfernt</translation>
    </message>
    <message>
        <source>not a boolean: imported as not completed</source>
        <translation>kein Wahrheitswert: als nicht erledigt importiert</translation>
    </message>
    <message>
        <source>not a date: imported as %1 (%2)</source>
        <translation>kein Datum: als %1 importiert (%2)</translation>
    </message>
    <message>
        <source>the row&apos;s updated_at</source>
        <translation>updated_at der Zeile</translation>
    </message>
    <message>
        <source>the file&apos;s modification time</source>
        <translation>Änderungszeit der Datei</translation>
    </message>
    <message>
        <source>the row&apos;s created_at</source>
        <translation>created_at der Zeile</translation>
    </message>
    <message>
        <source>earlier than created_at (%1): kept as it was</source>
        <translation>früher als created_at (%1): unverändert übernommen</translation>
    </message>
    <message>
        <source>unknown priority: imported as none</source>
        <translation>unbekannte Priorität: ohne Priorität importiert</translation>
    </message>
    <message>
        <source>priority value instead of its name: read as %1</source>
        <translation>Wert der Priorität statt ihres Namens: als %1 gelesen</translation>
    </message>
    <message>
        <source>not a date: imported without a due date</source>
        <translation>kein Datum: ohne Fälligkeitsdatum importiert</translation>
    </message>
    <message>
        <source>empty tag name: tag left out</source>
        <translation>leerer Name: Schlagwort ausgelassen</translation>
    </message>
    <message>
        <source>same name as &quot;%1&quot; but for case: merged</source>
        <translation>bis auf Groß-/Kleinschreibung derselbe Name wie „%1“: zusammengeführt</translation>
    </message>
    <message>
        <source>no such todo: link left out</source>
        <translation>diese Aufgabe gibt es nicht: Verknüpfung ausgelassen</translation>
    </message>
    <message>
        <source>no such tag: link left out</source>
        <translation>dieses Schlagwort gibt es nicht: Verknüpfung ausgelassen</translation>
    </message>
    <message>
        <source>the todo already has this tag (merged by case): counted once</source>
        <translation>die Aufgabe hat dieses Schlagwort bereits (bis auf Groß-/Kleinschreibung zusammengeführt): einmal gezählt</translation>
    </message>
    <message>
        <source>the backup has fewer todos than when it was read</source>
        <translation>die Sicherung hat weniger Aufgaben als beim Lesen</translation>
    </message>
    <message>
        <source>the backup changed since it was read (todo %1)</source>
        <translation>die Sicherung hat sich seit dem Lesen geändert (Aufgabe %1)</translation>
    </message>
    <message>
        <source>the backup changed while it was read</source>
        <translation>die Sicherung hat sich beim Lesen geändert</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>LegacySource</name>
    <message>
        <source>%1 is locked by another program (is the old todo app still running?); close it and try again</source>
        <translation>%1 ist von einem anderen Programm gesperrt (läuft die alte App noch?); schließen Sie es und versuchen Sie es erneut</translation>
    </message>
    <message>
        <source>%1 is not an SQLite database</source>
        <translation>%1 ist keine SQLite-Datenbank</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 does not exist</source>
        <translation>%1 existiert nicht</translation>
    </message>
    <message>
        <source>%1 is not a file</source>
        <translation>%1 ist keine Datei</translation>
    </message>
    <message>
        <source>%1 is empty (0 bytes): there is nothing to migrate</source>
        <translation>%1 ist leer (0 Bytes): Es gibt nichts zu migrieren</translation>
    </message>
    <message>
        <source>%1 is an SQLite database but not the old todo app&apos;s: it has no todo table</source>
        <translation>%1 ist eine SQLite-Datenbank, aber nicht die der alten App: Sie hat keine Tabelle todo</translation>
    </message>
    <message>
        <source>%1 has schema revision %2, which this version of Tandem does not know (expected %3)</source>
        <translation>%1 hat die Schemarevision %2, die diese Version von Tandem nicht kennt (erwartet: %3)</translation>
    </message>
    <message>
        <source>cannot create the backup %1: %2</source>
        <translation>die Sicherung %1 kann nicht angelegt werden: %2</translation>
    </message>
    <message>
        <source>cannot start the backup: %1</source>
        <translation>die Sicherung kann nicht gestartet werden: %1</translation>
    </message>
    <message>
        <source>the backup failed: %1</source>
        <translation>die Sicherung ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>the backup %1 failed its integrity check</source>
        <translation>die Sicherung %1 hat die Integritätsprüfung nicht bestanden</translation>
    </message>
    <message>
        <source>the backup %1 does not hold the same rows as the original (%2: %3 vs %4)</source>
        <translation>die Sicherung %1 enthält nicht dieselben Zeilen wie das Original (%2: %3 gegenüber %4)</translation>
    </message>
    <message>
        <source>cannot write the backup %1 to disk</source>
        <translation>die Sicherung %1 kann nicht auf den Datenträger geschrieben werden</translation>
    </message>
</context>
<context>
    <name>LegacyValues</name>
    <message numerus="yes">
        <source>… (%n bytes)</source>
        <translation>
            <numerusform>… (%n Byte)</numerusform>
            <numerusform>… (%n Bytes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LocalDatabase</name>
    <message>
        <source>The file has schema version %1; this Tandem knows up to %2.</source>
        <translation>Die Datei hat die Schemaversion %1; dieses Tandem kennt bis %2.</translation>
    </message>
    <message>
        <source>%1 is not a file.</source>
        <translation>%1 ist keine Datei.</translation>
    </message>
    <message>
        <source>SQLite kept journal mode %1.</source>
        <translation>SQLite hat den Journalmodus %1 beibehalten.</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Could not rename %1 to %2.</source>
        <translation>%1 konnte nicht in %2 umbenannt werden.</translation>
    </message>
    <message>
        <source>Tandem cannot create the folder for its database.</source>
        <translation>Tandem kann den Ordner für seine Datenbank nicht anlegen.</translation>
    </message>
    <message>
        <source>Tandem cannot write to its database. Check the permissions of the file and its folder.</source>
        <translation>Tandem kann nicht in seine Datenbank schreiben. Prüfen Sie die Berechtigungen der Datei und ihres Ordners.</translation>
    </message>
    <message>
        <source>The database file is damaged or is not a Tandem database.</source>
        <translation>Die Datenbankdatei ist beschädigt oder keine Tandem-Datenbank.</translation>
    </message>
    <message>
        <source>The database was written by a newer version of Tandem. Please update Tandem.</source>
        <translation>Die Datenbank wurde von einer neueren Version von Tandem geschrieben. Bitte aktualisieren Sie Tandem.</translation>
    </message>
    <message>
        <source>Tandem could not open its database.</source>
        <translation>Tandem konnte seine Datenbank nicht öffnen.</translation>
    </message>
    <message>
        <source>Another Tandem window, or tandem-cli while it syncs, is using this database.</source>
        <translation>Ein anderes Tandem-Fenster oder ein synchronisierendes tandem-cli verwendet diese Datenbank.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Tandem</source>
        <translation>Tandem</translation>
    </message>
    <message>
        <source>Search todos</source>
        <translation>Aufgaben suchen</translation>
    </message>
    <message>
        <source>Search title and notes (Ctrl+F)</source>
        <translation>Titel und Notizen durchsuchen (Strg+F)</translation>
    </message>
    <message>
        <source>Could not save: %1</source>
        <translation>Speichern nicht möglich: %1</translation>
    </message>
    <message numerus="yes">
        <source>The cloud wants to delete %n todo(s) on this computer.</source>
        <translation>
            <numerusform>Die Cloud möchte %n Aufgabe auf diesem Computer löschen.</numerusform>
            <numerusform>Die Cloud möchte %n Aufgaben auf diesem Computer löschen.</numerusform>
        </translation>
    </message>
    <message>
        <source>This is more than usual. If you or another desktop deleted them on purpose, continue. Otherwise keep them: nothing is deleted until you decide.</source>
        <translation>Das ist mehr als üblich. Wenn Sie oder ein anderer Desktop sie absichtlich gelöscht haben, fahren Sie fort. Andernfalls behalten Sie sie: Es wird nichts gelöscht, bis Sie sich entscheiden.</translation>
    </message>
    <message>
        <source>Delete Them Here Too</source>
        <translation>Auch hier löschen</translation>
    </message>
    <message>
        <source>Not Now</source>
        <translation>Nicht jetzt</translation>
    </message>
    <message>
        <source>The Imported list appears after the next sync.</source>
        <translation>Die Liste „Imported“ erscheint nach der nächsten Synchronisierung.</translation>
    </message>
    <message>
        <source>Todos</source>
        <translation>Aufgaben</translation>
    </message>
    <message numerus="yes">
        <source>%n todo(s)</source>
        <translation>
            <numerusform>%n Aufgabe</numerusform>
            <numerusform>%n Aufgaben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n Treffer</numerusform>
            <numerusform>%n Treffer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n überfällig</numerusform>
            <numerusform>%n überfällig</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing overdue</source>
        <translation>Nichts überfällig</translation>
    </message>
    <message numerus="yes">
        <source>%n todos selected</source>
        <translation>
            <numerusform>%n Aufgabe ausgewählt</numerusform>
            <numerusform>%n Aufgaben ausgewählt</numerusform>
        </translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>New List</source>
        <translation>Neue Liste</translation>
    </message>
    <message>
        <source>Deleted list “%1”. Undo with Ctrl+Z.</source>
        <translation>Liste „%1“ gelöscht. Mit Strg+Z rückgängig machen.</translation>
    </message>
    <message>
        <source>About Tandem</source>
        <translation>Über Tandem</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Tandem %1&lt;/h3&gt;&lt;p&gt;Your todos, offline first, in step on every desktop.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Tandem %1&lt;/h3&gt;&lt;p&gt;Ihre Aufgaben, offline zuerst, im Gleichschritt auf jedem Desktop.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Sync settings saved. Sync restarts with them.</source>
        <translation>Synchronisierungseinstellungen gespeichert. Die Synchronisierung startet mit ihnen neu.</translation>
    </message>
    <message>
        <source>Only this list</source>
        <translation>Nur diese Liste</translation>
    </message>
    <message>
        <source>Search only the list shown, not all lists</source>
        <translation>Nur in der angezeigten Liste suchen, nicht in allen</translation>
    </message>
    <message>
        <source>Search in all lists</source>
        <translation>Suche in allen Listen</translation>
    </message>
    <message>
        <source>Undid: %1</source>
        <translation>Rückgängig gemacht: %1</translation>
    </message>
    <message>
        <source>Redid: %1</source>
        <translation>Wiederhergestellt: %1</translation>
    </message>
    <message>
        <source>&amp;Import from the Python Todo App…</source>
        <translation>Aus der Python-Todo-App &amp;importieren…</translation>
    </message>
    <message>
        <source>Search in %1</source>
        <translation>Suche in %1</translation>
    </message>
</context>
<context>
    <name>MigratePage</name>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>The todos are being copied to the cloud. You can keep using Tandem meanwhile.</source>
        <translation>Die Aufgaben werden in die Cloud kopiert. Sie können Tandem währenddessen weiter verwenden.</translation>
    </message>
    <message>
        <source>Import progress</source>
        <translation>Importfortschritt</translation>
    </message>
    <message>
        <source>%v of %m todos</source>
        <translation>%v von %m Aufgaben</translation>
    </message>
    <message>
        <source>Rate and time left</source>
        <translation>Rate und verbleibende Zeit</translation>
    </message>
    <message>
        <source>Import status</source>
        <translation>Importstatus</translation>
    </message>
    <message>
        <source>&amp;Stop</source>
        <translation>&amp;Anhalten</translation>
    </message>
    <message>
        <source>Stop the import</source>
        <translation>Den Import anhalten</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Resume the import</source>
        <translation>Den Import fortsetzen</translation>
    </message>
    <message>
        <source>Connecting to the cloud database…</source>
        <translation>Verbindung zur Cloud-Datenbank wird hergestellt…</translation>
    </message>
    <message>
        <source>Stopping after the current batch…</source>
        <translation>Wird nach dem aktuellen Stapel angehalten…</translation>
    </message>
    <message>
        <source>%1 todos/s, about %2 s left</source>
        <translation>%1 Aufgaben/s, noch etwa %2 s</translation>
    </message>
    <message>
        <source>Copying the todos…</source>
        <translation>Die Aufgaben werden kopiert…</translation>
    </message>
    <message>
        <source>All todos were copied and compared with the file.</source>
        <translation>Alle Aufgaben wurden kopiert und mit der Datei verglichen.</translation>
    </message>
    <message>
        <source>This file was already imported; nothing was changed.</source>
        <translation>Diese Datei wurde bereits importiert; es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>Stopped after %1 of %2 todos. The cloud holds the batches copied so far; Resume continues where it stopped.</source>
        <translation>Nach %1 von %2 Aufgaben angehalten. Die Cloud enthält die bisher kopierten Stapel; „Fortsetzen“ macht dort weiter, wo angehalten wurde.</translation>
    </message>
    <message>
        <source>The import did not finish: %1</source>
        <translation>Der Import wurde nicht abgeschlossen: %1</translation>
    </message>
</context>
<context>
    <name>MigrationReport</name>
    <message>
        <source>Source:      %1 (schema v%2)
</source>
        <extracomment>The labels of these three lines are padded to line up their values.</extracomment>
        <translation>Quelle:        %1 (Schema v%2)
</translation>
    </message>
    <message>
        <source>Backup:      %1
</source>
        <translation>Sicherung:     %1
</translation>
    </message>
    <message>
        <source>Fingerprint: %1

</source>
        <translation>Fingerabdruck: %1

</translation>
    </message>
    <message>
        <source>table</source>
        <extracomment>Column heading of the report&apos;s table (the table names: todo, tag, todo_tag).</extracomment>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>read</source>
        <extracomment>Column heading: rows read from the legacy file.</extracomment>
        <translation>gelesen</translation>
    </message>
    <message>
        <source>to move</source>
        <extracomment>Column heading of a dry run: rows that a migration would move.</extracomment>
        <translation>zu migrieren</translation>
    </message>
    <message>
        <source>migrated</source>
        <translation>migriert</translation>
    </message>
    <message>
        <source>warnings</source>
        <extracomment>Column heading: rows imported with a repair.</extracomment>
        <translation>Warnungen</translation>
    </message>
    <message>
        <source>skipped</source>
        <extracomment>Column heading: rows left out.</extracomment>
        <translation>ausgelassen</translation>
    </message>
    <message>
        <source>time</source>
        <extracomment>Column heading: seconds spent on the table.</extracomment>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Total time %1s
</source>
        <translation>Gesamtzeit %1 s
</translation>
    </message>
    <message>
        <source>Rows that needed attention:</source>
        <translation>Zeilen mit Auffälligkeiten:</translation>
    </message>
    <message>
        <source> [left out]</source>
        <extracomment>Marks a row of the list above that was not imported.</extracomment>
        <translation> [ausgelassen]</translation>
    </message>
    <message>
        <source>MISMATCH %1</source>
        <translation>ABWEICHUNG %1</translation>
    </message>
</context>
<context>
    <name>MigrationRunner</name>
    <message>
        <source>; nothing was written</source>
        <translation>; es wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>no cloud database given: use --to URL, --profile or DATABASE_URL; nothing was written</source>
        <translation>keine Cloud-Datenbank angegeben: Verwenden Sie --to URL, --profile oder DATABASE_URL; es wurde nichts geschrieben</translation>
    </message>
    <message>
        <source>cannot connect to the cloud database (%1); the cloud is unchanged</source>
        <translation>keine Verbindung zur Cloud-Datenbank möglich (%1); die Cloud ist unverändert</translation>
    </message>
    <message>
        <source>the cloud schema is not usable (%1); the cloud is unchanged</source>
        <translation>das Cloud-Schema ist nicht verwendbar (%1); die Cloud ist unverändert</translation>
    </message>
    <message>
        <source>; the cloud is unchanged</source>
        <translation>; die Cloud ist unverändert</translation>
    </message>
    <message>
        <source>cannot read the backup: %1; the cloud is unchanged</source>
        <translation>die Sicherung kann nicht gelesen werden: %1; die Cloud ist unverändert</translation>
    </message>
    <message numerus="yes">
        <source>Dry run: nothing was written. %n todos would be migrated, %1 problems listed above.</source>
        <translation>
            <numerusform>Probelauf: Es wurde nichts geschrieben. %n Aufgabe würde migriert; Probleme (oben aufgeführt): %1.</numerusform>
            <numerusform>Probelauf: Es wurde nichts geschrieben. %n Aufgaben würden migriert; Probleme (oben aufgeführt): %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>cancelled while waiting for another run; the cloud is unchanged by this run</source>
        <translation>abgebrochen beim Warten auf einen anderen Lauf; dieser Lauf hat die Cloud nicht verändert</translation>
    </message>
    <message>
        <source>This file was already migrated (fingerprint %1); nothing was changed.</source>
        <translation>Diese Datei wurde bereits migriert (Fingerabdruck %1); es wurde nichts verändert.</translation>
    </message>
    <message>
        <source>The migration failed: %1</source>
        <translation>Die Migration ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>The rows were transferred but could not be validated (%1); running the migration again validates them</source>
        <translation>Die Zeilen wurden übertragen, konnten aber nicht geprüft werden (%1); ein neuer Lauf der Migration prüft sie</translation>
    </message>
    <message>
        <source>Validation failed: %1 of %2 rows differ in the cloud (listed above); the import is not marked validated</source>
        <translation>Prüfung fehlgeschlagen: In der Cloud weichen Zeilen ab (%1 von %2, oben aufgeführt); der Import wird nicht als geprüft markiert</translation>
    </message>
    <message numerus="yes">
        <source>Migrated and validated; %n rows were repaired or left out (listed above).</source>
        <translation>
            <numerusform>Migriert und geprüft; %n Zeile wurde repariert oder ausgelassen (oben aufgeführt).</numerusform>
            <numerusform>Migriert und geprüft; %n Zeilen wurden repariert oder ausgelassen (oben aufgeführt).</numerusform>
        </translation>
    </message>
    <message>
        <source>Migrated and validated: every row arrived as it was.</source>
        <translation>Migriert und geprüft: Jede Zeile ist unverändert angekommen.</translation>
    </message>
    <message>
        <source>cancelled before anything was written; the cloud is unchanged</source>
        <translation>abgebrochen, bevor etwas geschrieben wurde; die Cloud ist unverändert</translation>
    </message>
</context>
<context>
    <name>MigrationWizard</name>
    <message>
        <source>Import from the Python Todo App</source>
        <translation>Aus der Python-Todo-App importieren</translation>
    </message>
    <message>
        <source>Import from the Python Todo app</source>
        <translation>Aus der Python-Todo-App importieren</translation>
    </message>
</context>
<context>
    <name>Notification</name>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Snooze 10 min</source>
        <translation>In 10 Min. erinnern</translation>
    </message>
</context>
<context>
    <name>PasswordStore</name>
    <message numerus="yes">
        <source>The system keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>Der Systemschlüsselbund hat nicht innerhalb von %n Sekunde geantwortet.</numerusform>
            <numerusform>Der Systemschlüsselbund hat nicht innerhalb von %n Sekunden geantwortet.</numerusform>
        </translation>
    </message>
    <message>
        <source>No system keychain (Secret Service) is available: %1</source>
        <translation>Es ist kein Systemschlüsselbund (Secret Service) verfügbar: %1</translation>
    </message>
    <message>
        <source>Could not delete %1.</source>
        <translation>%1 konnte nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>Could not create the folder %1.</source>
        <translation>Der Ordner %1 konnte nicht angelegt werden.</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 konnte nicht geschrieben werden: %2</translation>
    </message>
    <message>
        <source>The system keychain did not give out the sync password: %1</source>
        <translation>Der Systemschlüsselbund hat das Synchronisierungspasswort nicht herausgegeben: %1</translation>
    </message>
    <message>
        <source>The password is stored in %1, readable only by you.</source>
        <translation>Das Passwort ist in %1 gespeichert, nur für Sie lesbar.</translation>
    </message>
    <message>
        <source>There is no system keychain: Tandem keeps the password in memory until it quits.</source>
        <translation>Es gibt keinen Systemschlüsselbund: Tandem behält das Passwort im Speicher, bis es beendet wird.</translation>
    </message>
    <message>
        <source>The system keychain did not store the sync password: %1</source>
        <translation>Der Systemschlüsselbund hat das Synchronisierungspasswort nicht gespeichert: %1</translation>
    </message>
    <message>
        <source>The password is stored in the system keychain.</source>
        <translation>Das Passwort ist im Systemschlüsselbund gespeichert.</translation>
    </message>
    <message>
        <source>The system keychain did not delete the sync password: %1</source>
        <translation>Der Systemschlüsselbund hat das Synchronisierungspasswort nicht gelöscht: %1</translation>
    </message>
</context>
<context>
    <name>PgConnection</name>
    <message>
        <source>The QPSQL driver did not hand out a libpq connection.</source>
        <translation>Der QPSQL-Treiber hat keine libpq-Verbindung herausgegeben.</translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation>Nicht verbunden.</translation>
    </message>
</context>
<context>
    <name>PreferencesDialog</name>
    <message>
        <source>&amp;Keep running in the background for reminders</source>
        <translation>Für Erinnerungen im &amp;Hintergrund weiterlaufen</translation>
    </message>
    <message>
        <source>&amp;Open at login</source>
        <translation>Bei der Anmeldung ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Preferences</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Closing the window then leaves Tandem in the tray, and reminders still fire. At login Tandem starts in the tray, without its window.</source>
        <translation>Nach dem Schließen des Fensters bleibt Tandem im Systembereich, und Erinnerungen kommen weiter. Bei der Anmeldung startet Tandem im Systembereich, ohne Fenster.</translation>
    </message>
    <message>
        <source>Cannot change %1.</source>
        <translation>%1 lässt sich nicht ändern.</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>What will be imported (a dry run: nothing has been written yet).</source>
        <translation>Was importiert wird (ein Probelauf: Es wurde noch nichts geschrieben).</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Importieren</translation>
    </message>
    <message>
        <source>Rows per table</source>
        <translation>Zeilen pro Tabelle</translation>
    </message>
    <message>
        <source>Rows that need a repair:</source>
        <translation>Zeilen, die repariert werden müssen:</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Tabelle</translation>
    </message>
    <message>
        <source>Legacy id</source>
        <translation>Alte ID</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Spalte</translation>
    </message>
    <message>
        <source>Raw value</source>
        <translation>Rohwert</translation>
    </message>
    <message>
        <source>What will be done</source>
        <translation>Was geschieht</translation>
    </message>
    <message>
        <source>Rows that need a repair</source>
        <translation>Zeilen, die repariert werden müssen</translation>
    </message>
    <message>
        <source>%1: %2 read, %3 to import, %4 repaired, %5 left out</source>
        <translation>%1: %2 gelesen, %3 zu importieren, %4 repariert, %5 ausgelassen</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) need a repair or are left out.</source>
        <translation>
            <numerusform>%n Zeile muss repariert werden oder wird ausgelassen.</numerusform>
            <numerusform>%n Zeilen müssen repariert werden oder werden ausgelassen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileLoader</name>
    <message>
        <source>%1 must be a whole number of %2 from %3 to %4.</source>
        <translation>%1 muss eine ganze Zahl (%2) von %3 bis %4 sein.</translation>
    </message>
    <message>
        <source>%1 must be 1 or 0 (or true/false, yes/no, on/off).</source>
        <translation>%1 muss 1 oder 0 sein (oder true/false, yes/no, on/off).</translation>
    </message>
    <message>
        <source>environment variable %1</source>
        <translation>Umgebungsvariable %1</translation>
    </message>
    <message>
        <source>Unknown command-line setting &quot;%1&quot; (known: %2).</source>
        <translation>Unbekannte Befehlszeileneinstellung „%1“ (bekannt: %2).</translation>
    </message>
    <message>
        <source>command line (%1)</source>
        <translation>Befehlszeile (%1)</translation>
    </message>
    <message>
        <source>%1, line %2</source>
        <translation>%1, Zeile %2</translation>
    </message>
    <message>
        <source>%1: %2 cannot be set in a profile file (the profile picks the file).</source>
        <translation>%1: %2 kann nicht in einer Profildatei gesetzt werden (das Profil wählt die Datei).</translation>
    </message>
    <message>
        <source>%1: unknown setting %2 (known: %3).</source>
        <translation>%1: unbekannte Einstellung %2 (bekannt: %3).</translation>
    </message>
    <message>
        <source>no sslmode (libpq then uses &quot;prefer&quot;)</source>
        <translation>kein sslmode (libpq verwendet dann „prefer“)</translation>
    </message>
    <message>
        <source>The production profile needs sslmode=require or stronger (verify-ca, verify-full); the connection asks for %1.</source>
        <translation>Das Profil production braucht sslmode=require oder stärker (verify-ca, verify-full); die Verbindung verlangt %1.</translation>
    </message>
    <message>
        <source>sslmode=%1 needs the CA certificate file &quot;%2&quot;, which does not exist.</source>
        <translation>sslmode=%1 braucht die CA-Zertifikatsdatei „%2“, die es nicht gibt.</translation>
    </message>
    <message>
        <source>sslmode=%1 needs a CA certificate, and libpq&apos;s default &quot;%2&quot; does not exist: set PGSSLROOTCERT or sslrootcert (on Debian the system CAs are in /etc/ssl/certs/ca-certificates.crt).</source>
        <translation>sslmode=%1 braucht ein CA-Zertifikat, und die Vorgabe von libpq „%2“ gibt es nicht: Setzen Sie PGSSLROOTCERT oder sslrootcert (unter Debian liegen die System-CAs in /etc/ssl/certs/ca-certificates.crt).</translation>
    </message>
    <message>
        <source>Unknown profile &quot;%1&quot; (from %2); expected development, staging or production.</source>
        <translation>Unbekanntes Profil „%1“ (aus %2); erwartet: development, staging oder production.</translation>
    </message>
</context>
<context>
    <name>QuickAddBar</name>
    <message>
        <source>Add a todo</source>
        <translation>Eine Aufgabe hinzufügen</translation>
    </message>
    <message>
        <source>Type a todo and press Enter. Dates like “tomorrow” or “friday 15:00”, !high for priority, #tag for tags and @list for a list are understood.</source>
        <translation>Geben Sie eine Aufgabe ein und drücken Sie die Eingabetaste. Verstanden werden Datumsangaben wie „morgen“ oder „Freitag 15:00“, Wiederholungen wie „jeden Montag“, !hoch für die Priorität, #schlagwort für Schlagwörter und @liste für eine Liste.</translation>
    </message>
    <message>
        <source>Add a todo… e.g. “Call Sam tomorrow 15:00 !high #work”</source>
        <translation>Aufgabe hinzufügen… z. B. „Sam anrufen morgen 15:00 !hoch #arbeit“</translation>
    </message>
    <message>
        <source>Understood</source>
        <translation>Erkannt</translation>
    </message>
</context>
<context>
    <name>QuickAddParser</name>
    <message>
        <source>ddd d MMM yyyy</source>
        <comment>Format of a due date, as in QDate::toString()</comment>
        <translation>ddd, d. MMM yyyy</translation>
    </message>
    <message>
        <source>Due today at %1</source>
        <translation>Heute um %1 fällig</translation>
    </message>
    <message>
        <source>Due tomorrow at %1</source>
        <translation>Morgen um %1 fällig</translation>
    </message>
    <message>
        <source>Due %1 at %2</source>
        <translation>Fällig am %1 um %2</translation>
    </message>
    <message>
        <source>Due today</source>
        <translation>Heute fällig</translation>
    </message>
    <message>
        <source>Due tomorrow</source>
        <translation>Morgen fällig</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Fällig am %1</translation>
    </message>
    <message>
        <source>Low priority</source>
        <translation>Niedrige Priorität</translation>
    </message>
    <message>
        <source>Medium priority</source>
        <translation>Mittlere Priorität</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>Hohe Priorität</translation>
    </message>
    <message>
        <source>List: %1</source>
        <translation>Liste: %1</translation>
    </message>
    <message>
        <source>“%1”</source>
        <comment>words quoted as typed</comment>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between quoted words</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>New list: %1</source>
        <translation>Neue Liste: %1</translation>
    </message>
    <message>
        <source>Not understood as a date: %1</source>
        <translation>Nicht als Datum verstanden: %1</translation>
    </message>
    <message>
        <source>Not understood as a time: %1</source>
        <translation>Nicht als Uhrzeit verstanden: %1</translation>
    </message>
    <message>
        <source>Remind at %1</source>
        <translation>Um %1 erinnern</translation>
    </message>
    <message numerus="yes">
        <source>Remind %n day(s) before at %1</source>
        <translation>
            <numerusform>%n Tag vorher um %1 erinnern</numerusform>
            <numerusform>%n Tage vorher um %1 erinnern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remind %n day(s) before</source>
        <translation>
            <numerusform>%n Tag vorher erinnern</numerusform>
            <numerusform>%n Tage vorher erinnern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remind %n min before</source>
        <translation>
            <numerusform>%n Min. vorher erinnern</numerusform>
            <numerusform>%n Min. vorher erinnern</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remind %n hour(s) before</source>
        <translation>
            <numerusform>%n Stunde vorher erinnern</numerusform>
            <numerusform>%n Stunden vorher erinnern</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderAlerts</name>
    <message>
        <source>Due %1</source>
        <translation>Fällig %1</translation>
    </message>
    <message numerus="yes">
        <source>%n missed reminder(s)</source>
        <translation>
            <numerusform>%n verpasste Erinnerung</numerusform>
            <numerusform>%n verpasste Erinnerungen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>und %n weitere</numerusform>
            <numerusform>und %n weitere</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderEditor</name>
    <message>
        <source>Reminders</source>
        <translation>Erinnerungen</translation>
    </message>
    <message>
        <source>Add reminder</source>
        <translation>Erinnerung hinzufügen</translation>
    </message>
    <message>
        <source>Reminder date and time</source>
        <translation>Datum und Uhrzeit der Erinnerung</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Add this reminder</source>
        <translation>Diese Erinnerung hinzufügen</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>At a date and time…</source>
        <translation>Zu Datum und Uhrzeit…</translation>
    </message>
    <message>
        <source>Remove reminder “%1”</source>
        <translation>Erinnerung „%1“ entfernen</translation>
    </message>
    <message>
        <source>Remove this reminder</source>
        <translation>Diese Erinnerung entfernen</translation>
    </message>
</context>
<context>
    <name>ReminderOperations</name>
    <message numerus="yes">
        <source>Add %n reminder(s) to “%1”</source>
        <translation>
            <numerusform>%n Erinnerung zu „%1“ hinzufügen</numerusform>
            <numerusform>%n Erinnerungen zu „%1“ hinzufügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove a reminder of “%1”</source>
        <translation>Eine Erinnerung von „%1“ entfernen</translation>
    </message>
    <message>
        <source>Remove the reminders of “%1”</source>
        <translation>Die Erinnerungen von „%1“ entfernen</translation>
    </message>
    <message>
        <source>Snooze a reminder of “%1”</source>
        <translation>Eine Erinnerung von „%1“ zurückstellen</translation>
    </message>
    <message>
        <source>Dismiss a reminder of “%1”</source>
        <translation>Eine Erinnerung von „%1“ verwerfen</translation>
    </message>
</context>
<context>
    <name>ReminderText</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n Tag</numerusform>
            <numerusform>%n Tage</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n Stunde</numerusform>
            <numerusform>%n Stunden</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n Minute</numerusform>
            <numerusform>%n Minuten</numerusform>
        </translation>
    </message>
    <message>
        <source>On the due day at %1</source>
        <translation>Am Fälligkeitstag um %1</translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) before at %1</source>
        <translation>
            <numerusform>%n Tag vorher um %1</numerusform>
            <numerusform>%n Tage vorher um %1</numerusform>
        </translation>
    </message>
    <message>
        <source>At the due time</source>
        <translation>Zur Fälligkeitszeit</translation>
    </message>
    <message>
        <source>%1 before</source>
        <translation>%1 vorher</translation>
    </message>
    <message>
        <source>%1 after</source>
        <translation>%1 danach</translation>
    </message>
    <message>
        <source>Needs a due date</source>
        <translation>Braucht ein Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Vorbei</translation>
    </message>
    <message>
        <source>Snoozed until %1</source>
        <translation>Zurückgestellt bis %1</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Als Nächstes: %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
</context>
<context>
    <name>RepeatEditor</name>
    <message>
        <source>Repeat</source>
        <translation>Wiederholung</translation>
    </message>
    <message>
        <source>Every</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Einheit</translation>
    </message>
    <message>
        <source>On</source>
        <translation>Am</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Endet</translation>
    </message>
    <message>
        <source>End date</source>
        <translation>Enddatum</translation>
    </message>
    <message>
        <source>Times</source>
        <translation>Mal</translation>
    </message>
    <message>
        <source>Count from completion</source>
        <translation>Ab Erledigung zählen</translation>
    </message>
    <message>
        <source>The next date is counted from the day it is done, not from the due date</source>
        <translation>Das nächste Datum wird ab dem Tag der Erledigung gezählt, nicht ab dem Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>weeks</source>
        <translation>Wochen</translation>
    </message>
    <message>
        <source>months</source>
        <translation>Monate</translation>
    </message>
    <message>
        <source>years</source>
        <translation>Jahre</translation>
    </message>
    <message>
        <source>Never ends</source>
        <translation>Endet nie</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>Endet am</translation>
    </message>
    <message>
        <source>Ends after</source>
        <translation>Endet nach</translation>
    </message>
    <message>
        <source> times</source>
        <translation> Mal</translation>
    </message>
    <message>
        <source>Does not repeat</source>
        <translation>Keine Wiederholung</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Jeden Tag</translation>
    </message>
    <message>
        <source>Every weekday (Monday to Friday)</source>
        <translation>Jeden Werktag (Montag bis Freitag)</translation>
    </message>
    <message>
        <source>Every week on %1</source>
        <translation>Jede Woche am %1</translation>
    </message>
    <message>
        <source>Every month on day %1</source>
        <translation>Jeden Monat am %1.</translation>
    </message>
    <message>
        <source>Every year on %1</source>
        <translation>Jedes Jahr am %1</translation>
    </message>
    <message>
        <source>d MMMM</source>
        <comment>a yearly date</comment>
        <translation>d. MMMM</translation>
    </message>
    <message>
        <source>Custom…</source>
        <translation>Benutzerdefiniert…</translation>
    </message>
    <message>
        <source>on day %1</source>
        <translation>am %1.</translation>
    </message>
    <message>
        <source>on the last day</source>
        <translation>am letzten Tag</translation>
    </message>
    <message>
        <source>on the last %1</source>
        <translation>am letzten %1</translation>
    </message>
    <message>
        <source>on the %1. %2</source>
        <comment>the 2. Tuesday of a month</comment>
        <translation>am %1. %2</translation>
    </message>
    <message>
        <source>Repeats by the rule %1</source>
        <translation>Wiederholt sich nach der Regel %1</translation>
    </message>
    <message>
        <source>No more dates after this one</source>
        <translation>Danach keine weiteren Termine</translation>
    </message>
    <message>
        <source>Next: %1</source>
        <translation>Nächste: %1</translation>
    </message>
    <message>
        <source>ddd d MMM</source>
        <comment>a date among the next ones, as in QDate::toString()</comment>
        <translation>ddd, d. MMM</translation>
    </message>
</context>
<context>
    <name>RepeatRule</name>
    <message>
        <source>The repeat rule is empty.</source>
        <translation>Die Wiederholungsregel ist leer.</translation>
    </message>
    <message>
        <source>“%1” is not a part of a repeat rule.</source>
        <translation>„%1“ ist kein Teil einer Wiederholungsregel.</translation>
    </message>
    <message>
        <source>%1 is not supported in a repeat rule.</source>
        <translation>%1 wird in einer Wiederholungsregel nicht unterstützt.</translation>
    </message>
    <message>
        <source>%1 is not supported: a todo repeats at most daily.</source>
        <translation>%1 wird nicht unterstützt: Eine Aufgabe wiederholt sich höchstens täglich.</translation>
    </message>
    <message>
        <source>“%1” is not a frequency: FREQ takes DAILY, WEEKLY, MONTHLY or YEARLY.</source>
        <translation>„%1“ ist keine Häufigkeit: FREQ nimmt DAILY, WEEKLY, MONTHLY oder YEARLY.</translation>
    </message>
    <message>
        <source>A repeat rule needs a frequency (FREQ).</source>
        <translation>Eine Wiederholungsregel braucht eine Häufigkeit (FREQ).</translation>
    </message>
    <message>
        <source>A repeat rule ends by COUNT or by UNTIL, not both.</source>
        <translation>Eine Wiederholungsregel endet mit COUNT oder mit UNTIL, nicht mit beidem.</translation>
    </message>
    <message>
        <source>“%1” is not valid in a repeat rule.</source>
        <translation>„%1“ ist in einer Wiederholungsregel nicht gültig.</translation>
    </message>
    <message>
        <source>“%1” is not a valid repeat rule.</source>
        <translation>„%1“ ist keine gültige Wiederholungsregel.</translation>
    </message>
    <message>
        <source>The repeat rule “%1” never repeats.</source>
        <translation>Die Wiederholungsregel „%1“ wiederholt sich nie.</translation>
    </message>
    <message>
        <source>%1 cannot be used with %2.</source>
        <translation>%1 kann nicht zusammen mit %2 verwendet werden.</translation>
    </message>
</context>
<context>
    <name>RepeatWords</name>
    <message>
        <source>, </source>
        <comment>between days or months</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>%1 and %2</source>
        <comment>the last two days or months</comment>
        <translation>%1 und %2</translation>
    </message>
    <message>
        <source>every day</source>
        <translation>jeden Tag</translation>
    </message>
    <message>
        <source>every %1 days</source>
        <translation>alle %1 Tage</translation>
    </message>
    <message>
        <source>every week</source>
        <translation>jede Woche</translation>
    </message>
    <message>
        <source>every %1 weeks</source>
        <translation>alle %1 Wochen</translation>
    </message>
    <message>
        <source>every month</source>
        <translation>jeden Monat</translation>
    </message>
    <message>
        <source>every %1 months</source>
        <translation>alle %1 Monate</translation>
    </message>
    <message>
        <source>every year</source>
        <translation>jedes Jahr</translation>
    </message>
    <message>
        <source>every %1 years</source>
        <translation>alle %1 Jahre</translation>
    </message>
    <message>
        <source>a day</source>
        <translation>einen Tag</translation>
    </message>
    <message>
        <source>%1 days</source>
        <translation>%1 Tage</translation>
    </message>
    <message>
        <source>a week</source>
        <translation>eine Woche</translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <translation>%1 Wochen</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>einen Monat</translation>
    </message>
    <message>
        <source>%1 months</source>
        <translation>%1 Monate</translation>
    </message>
    <message>
        <source>a year</source>
        <translation>ein Jahr</translation>
    </message>
    <message>
        <source>%1 years</source>
        <translation>%1 Jahre</translation>
    </message>
    <message>
        <source>the first %1</source>
        <comment>weekday</comment>
        <translation>ersten %1</translation>
    </message>
    <message>
        <source>the second %1</source>
        <comment>weekday</comment>
        <translation>zweiten %1</translation>
    </message>
    <message>
        <source>the third %1</source>
        <comment>weekday</comment>
        <translation>dritten %1</translation>
    </message>
    <message>
        <source>the fourth %1</source>
        <comment>weekday</comment>
        <translation>vierten %1</translation>
    </message>
    <message>
        <source>the fifth %1</source>
        <comment>weekday</comment>
        <translation>fünften %1</translation>
    </message>
    <message>
        <source>the last %1</source>
        <comment>weekday</comment>
        <translation>letzten %1</translation>
    </message>
    <message>
        <source>the second-to-last %1</source>
        <comment>weekday</comment>
        <translation>vorletzten %1</translation>
    </message>
    <message>
        <source>weekday %1 number %2</source>
        <comment>RRULE BYDAY beyond the fifth</comment>
        <translation>%2. %1</translation>
    </message>
    <message>
        <source>the last day</source>
        <comment>of the month</comment>
        <translation>letzten Tag</translation>
    </message>
    <message>
        <source>the second-to-last day</source>
        <comment>of the month</comment>
        <translation>vorletzten Tag</translation>
    </message>
    <message>
        <source>day %1 from the end</source>
        <comment>of the month</comment>
        <translation>%1. Tag vor dem Monatsende</translation>
    </message>
    <message>
        <source>the %1st</source>
        <comment>day of the month</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>the %1nd</source>
        <comment>day of the month</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>the %1rd</source>
        <comment>day of the month</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>the %1th</source>
        <comment>day of the month</comment>
        <translation>%1.</translation>
    </message>
    <message>
        <source>in %1</source>
        <comment>months</comment>
        <translation>im %1</translation>
    </message>
    <message>
        <source>on %1</source>
        <comment>days</comment>
        <translation>am %1</translation>
    </message>
    <message>
        <source>Repeats %1 after completion</source>
        <translation>Wiederholt sich %1 nach dem Erledigen</translation>
    </message>
    <message>
        <source>Repeats every weekday</source>
        <comment>Monday to Friday</comment>
        <translation>Wiederholt sich jeden Werktag</translation>
    </message>
    <message>
        <source>Repeats %1</source>
        <translation>Wiederholt sich %1</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>a repeat and its days or months</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1, once</source>
        <translation>%1, einmal</translation>
    </message>
    <message>
        <source>%1, %2 times</source>
        <translation>%1, %2-mal</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>Format of the last date, as in QDate::toString()</comment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>%1 until %2</source>
        <translation>%1 bis %2</translation>
    </message>
</context>
<context>
    <name>ScheduleMenu</name>
    <message>
        <source>Sc&amp;hedule</source>
        <translation>&amp;Planen</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Heute</translation>
    </message>
    <message>
        <source>T&amp;omorrow</source>
        <translation>&amp;Morgen</translation>
    </message>
    <message>
        <source>&amp;Next Week</source>
        <translation>&amp;Nächste Woche</translation>
    </message>
    <message>
        <source>&amp;Someday (No Date)</source>
        <translation>&amp;Irgendwann (kein Datum)</translation>
    </message>
    <message>
        <source>&amp;Pick a Date…</source>
        <translation>&amp;Datum wählen…</translation>
    </message>
    <message>
        <source>Pick a Date</source>
        <translation>Datum wählen</translation>
    </message>
</context>
<context>
    <name>ShortcutSheet</name>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Tasten</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Eingabe</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Bedeutung</translation>
    </message>
    <message>
        <source>Quick Add Syntax</source>
        <translation>Schnelleingabe</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>Priorität: %1</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>Open the todo&apos;s details</source>
        <translation>Details der Aufgabe öffnen</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Eingabetaste</translation>
    </message>
    <message>
        <source>Clear the search, or leave quick add</source>
        <translation>Suche leeren oder Schnelleingabe verlassen</translation>
    </message>
    <message>
        <source>Escape</source>
        <translation>Escape</translation>
    </message>
    <message>
        <source>Due that day (also: tod, tmr)</source>
        <translation>Fällig an diesem Tag (auch: tod, tmr)</translation>
    </message>
    <message>
        <source>Due on the next such day</source>
        <translation>Fällig am nächsten solchen Wochentag</translation>
    </message>
    <message>
        <source>Due at that time (today, when no date is given)</source>
        <translation>Fällig zu dieser Uhrzeit (heute, wenn kein Datum dabei ist)</translation>
    </message>
    <message>
        <source>Priority (also !3, !2, !1, or !!! and !!)</source>
        <translation>Priorität (auch !3, !2, !1 oder !!! und !!)</translation>
    </message>
    <message>
        <source>A tag; a todo may have several</source>
        <translation>Ein Schlagwort; eine Aufgabe darf mehrere haben</translation>
    </message>
    <message>
        <source>Keep the quoted words in the title as they are</source>
        <translation>Die Wörter in Anführungszeichen bleiben unverändert im Titel</translation>
    </message>
    <message>
        <source>Due on the first day of next week</source>
        <translation>Fällig am ersten Tag der nächsten Woche</translation>
    </message>
    <message>
        <source>Due that long from today</source>
        <translation>Fällig so lange nach heute</translation>
    </message>
    <message>
        <source>Due on that date (a year may follow)</source>
        <translation>Fällig an diesem Datum (eine Jahreszahl darf folgen)</translation>
    </message>
    <message>
        <source>Due today at 19:00, unless a time is typed</source>
        <translation>Fällig heute um 19:00, wenn keine Uhrzeit dabei ist</translation>
    </message>
    <message>
        <source>Put it in that list; a list that does not exist yet is made</source>
        <translation>In diese Liste legen; eine Liste, die es noch nicht gibt, wird angelegt</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>Wiederholen</translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Upcoming</source>
        <translation>Demnächst</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Überfällig</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>Listen</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message numerus="yes">
        <source>%1, %n open</source>
        <translation>
            <numerusform>%1, %n offen</numerusform>
            <numerusform>%1, %n offen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open todos</source>
        <translation>
            <numerusform>%n offene Aufgabe</numerusform>
            <numerusform>%n offene Aufgaben</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SidebarView</name>
    <message>
        <source>Lists and tags</source>
        <translation>Listen und Schlagwörter</translation>
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <source>Old app file</source>
        <translation>Datei der alten App</translation>
    </message>
    <message>
        <source>Path to todo_app_local.db</source>
        <translation>Pfad zu todo_app_local.db</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Auswählen…</translation>
    </message>
    <message>
        <source>File check result</source>
        <translation>Ergebnis der Dateiprüfung</translation>
    </message>
    <message>
        <source>SQLite databases (*.db *.sqlite);;All files (*)</source>
        <translation>SQLite-Datenbanken (*.db *.sqlite);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>This file cannot be imported: %1</source>
        <translation>Diese Datei kann nicht importiert werden: %1</translation>
    </message>
    <message>
        <source>Version %1 file. Reading it…</source>
        <translation>Datei der Version %1. Sie wird gelesen…</translation>
    </message>
    <message>
        <source>%1: %2 rows</source>
        <translation>%1: %2 Zeilen</translation>
    </message>
    <message>
        <source>This file was already imported; importing it again changes nothing.</source>
        <translation>Diese Datei wurde bereits importiert; ein erneuter Import ändert nichts.</translation>
    </message>
    <message>
        <source>The Python Todo App&apos;s File</source>
        <translation>Die Datei der Python-Todo-App</translation>
    </message>
    <message>
        <source>The file of the Python Todo app that holds your todos (todo_app_local.db).</source>
        <translation>Die Datei der Python-Todo-App, die Ihre Aufgaben enthält (todo_app_local.db).</translation>
    </message>
    <message>
        <source>Choose the Python Todo app&apos;s file</source>
        <translation>Die Datei der Python-Todo-App auswählen</translation>
    </message>
    <message>
        <source>No file of the Python Todo app was found in the usual places:
%1
Choose it.</source>
        <translation>An den üblichen Orten wurde keine Datei der Python-Todo-App gefunden:
%1
Bitte wählen Sie sie aus.</translation>
    </message>
    <message>
        <source>Version %1 file of the Python Todo app.
%2
%3 rows need a repair (shown before the import).</source>
        <translation>Datei der Version %1 der Python-Todo-App.
%2
%3 Zeilen müssen repariert werden (wird vor dem Import gezeigt).</translation>
    </message>
</context>
<context>
    <name>SqliteHandle</name>
    <message>
        <source>cannot open the file</source>
        <translation>die Datei kann nicht geöffnet werden</translation>
    </message>
</context>
<context>
    <name>StartDateEditor</name>
    <message>
        <source>Has a start date</source>
        <translation>Hat ein Startdatum</translation>
    </message>
    <message>
        <source>Start date</source>
        <translation>Startdatum</translation>
    </message>
    <message>
        <source>Keep this todo out of Today until a day</source>
        <translation>Dieses Todo bis zu einem Tag aus „Heute“ heraushalten</translation>
    </message>
    <message>
        <source>ddd d MMM yyyy</source>
        <comment>start date in the detail pane</comment>
        <translation>ddd d. MMM yyyy</translation>
    </message>
</context>
<context>
    <name>SubtasksPane</name>
    <message>
        <source>Subtasks</source>
        <translation>Unteraufgaben</translation>
    </message>
    <message>
        <source>Add subtask</source>
        <translation>Unteraufgabe hinzufügen</translation>
    </message>
    <message>
        <source>Remove subtask</source>
        <translation>Unteraufgabe entfernen</translation>
    </message>
    <message>
        <source>Space ticks, F2 renames, Enter opens, Delete removes</source>
        <translation>Leertaste hakt ab, F2 benennt um, Eingabe öffnet, Entf entfernt</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Remove the selected subtask</source>
        <translation>Die ausgewählte Unteraufgabe entfernen</translation>
    </message>
    <message>
        <source>Subtask of: %1</source>
        <translation>Unteraufgabe von: %1</translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>Sync is off: no cloud database is set up.</source>
        <translation>Synchronisierung aus: Es ist keine Cloud-Datenbank eingerichtet.</translation>
    </message>
</context>
<context>
    <name>SyncEngine</name>
    <message>
        <source>Sync is off: no cloud database is set up.</source>
        <translation>Synchronisierung aus: Es ist keine Cloud-Datenbank eingerichtet.</translation>
    </message>
    <message>
        <source>Sync cannot open the local database: %1</source>
        <translation>Die Synchronisierung kann die lokale Datenbank nicht öffnen: %1</translation>
    </message>
</context>
<context>
    <name>SyncPassword</name>
    <message>
        <source>Sync Password</source>
        <translation>Synchronisierungspasswort</translation>
    </message>
    <message>
        <source>Password for %1@%2 (%3 profile):</source>
        <translation>Passwort für %1@%2 (Profil %3):</translation>
    </message>
    <message>
        <source>This computer has no system keychain (Secret Service), so Tandem keeps the password in memory only and asks once each time it starts. Sync Settings can store it in a file instead.</source>
        <translation>Dieser Computer hat keinen Systemschlüsselbund (Secret Service), daher behält Tandem das Passwort nur im Speicher und fragt bei jedem Start einmal danach. In den Synchronisierungseinstellungen kann es stattdessen in einer Datei gespeichert werden.</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Synchronisieren</translation>
    </message>
    <message>
        <source>Work Offline</source>
        <translation>Offline arbeiten</translation>
    </message>
    <message>
        <source>Sync password</source>
        <translation>Synchronisierungspasswort</translation>
    </message>
</context>
<context>
    <name>SyncResult</name>
    <message>
        <source>The cloud database refused the user name or password.</source>
        <translation>Die Cloud-Datenbank hat den Benutzernamen oder das Passwort abgelehnt.</translation>
    </message>
    <message>
        <source>A secure (TLS) connection to the cloud database could not be made: %1</source>
        <translation>Es konnte keine sichere (TLS-)Verbindung zur Cloud-Datenbank hergestellt werden: %1</translation>
    </message>
    <message>
        <source>The cloud database took too long to answer (statement timeout).</source>
        <translation>Die Cloud-Datenbank hat zu lange für eine Antwort gebraucht (Zeitüberschreitung der Anweisung).</translation>
    </message>
    <message>
        <source>The cloud database&apos;s host name could not be found. Check the address and your network.</source>
        <translation>Der Hostname der Cloud-Datenbank wurde nicht gefunden. Prüfen Sie die Adresse und Ihr Netzwerk.</translation>
    </message>
    <message>
        <source>The cloud database cannot be reached. Tandem keeps working offline and will try again.</source>
        <translation>Die Cloud-Datenbank ist nicht erreichbar. Tandem arbeitet offline weiter und versucht es erneut.</translation>
    </message>
    <message>
        <source>The connection to the cloud database was lost. Tandem will reconnect.</source>
        <translation>Die Verbindung zur Cloud-Datenbank wurde unterbrochen. Tandem verbindet sich erneut.</translation>
    </message>
    <message>
        <source>The cloud database reported an error: %1</source>
        <translation>Die Cloud-Datenbank hat einen Fehler gemeldet: %1</translation>
    </message>
</context>
<context>
    <name>SyncSession</name>
    <message>
        <source>No cloud database is set up.</source>
        <translation>Es ist keine Cloud-Datenbank eingerichtet.</translation>
    </message>
    <message>
        <source>The cloud would delete %1 of your %2 todos. Tandem waits for you to confirm.</source>
        <translation>Die Cloud würde %1 Ihrer %2 Aufgaben löschen. Tandem wartet auf Ihre Bestätigung.</translation>
    </message>
    <message numerus="yes">
        <source>Tandem now syncs with another cloud database or role (%1). This desktop&apos;s %n todo(s) were copied there; nothing was removed from the one it synced with before.</source>
        <translation>
            <numerusform>Tandem synchronisiert jetzt mit einer anderen Cloud-Datenbank oder Rolle (%1). Die %n Aufgabe dieses Computers wurde dorthin kopiert; aus der bisherigen wurde nichts entfernt.</numerusform>
            <numerusform>Tandem synchronisiert jetzt mit einer anderen Cloud-Datenbank oder Rolle (%1). Die %n Aufgaben dieses Computers wurden dorthin kopiert; aus der bisherigen wurde nichts entfernt.</numerusform>
        </translation>
    </message>
    <message>
        <source>The cloud database did not accept this desktop&apos;s changes.</source>
        <translation>Die Cloud-Datenbank hat die Änderungen dieses Computers nicht angenommen.</translation>
    </message>
    <message>
        <source>The cloud database did not confirm the changes.</source>
        <translation>Die Cloud-Datenbank hat die Änderungen nicht bestätigt.</translation>
    </message>
    <message numerus="yes">
        <source>This data folder was restored from a backup or copied from another computer. Tandem now syncs it as a new desktop and sends its %n waiting change(s) again.</source>
        <translation>
            <numerusform>Dieser Datenordner wurde aus einer Sicherung wiederhergestellt oder von einem anderen Computer kopiert. Tandem synchronisiert ihn jetzt als neuen Computer und sendet seine %n wartende Änderung erneut.</numerusform>
            <numerusform>Dieser Datenordner wurde aus einer Sicherung wiederhergestellt oder von einem anderen Computer kopiert. Tandem synchronisiert ihn jetzt als neuen Computer und sendet seine %n wartenden Änderungen erneut.</numerusform>
        </translation>
    </message>
    <message>
        <source>Some changes are still waiting to be recorded by the cloud database.</source>
        <translation>Einige Änderungen warten noch darauf, von der Cloud-Datenbank gespeichert zu werden.</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDialog</name>
    <message>
        <source>Sync Settings</source>
        <translation>Synchronisierungseinstellungen</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Profil:</translation>
    </message>
    <message>
        <source>Active profile</source>
        <translation>Aktives Profil</translation>
    </message>
    <message>
        <source>Connection string</source>
        <translation>Verbindungszeichenkette</translation>
    </message>
    <message>
        <source>Connection string problem</source>
        <translation>Problem mit der Verbindungszeichenkette</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Store the password in a file readable only by me (less safe)</source>
        <translation>Das Passwort in einer nur für mich lesbaren Datei speichern (weniger sicher)</translation>
    </message>
    <message>
        <source>Store the password in a file readable only by me</source>
        <translation>Das Passwort in einer nur für mich lesbaren Datei speichern</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Passwort:</translation>
    </message>
    <message>
        <source>Encryption (sslmode)</source>
        <translation>Verschlüsselung (sslmode)</translation>
    </message>
    <message>
        <source>disable — never encrypt</source>
        <translation>disable — nie verschlüsseln</translation>
    </message>
    <message>
        <source>allow — encrypt only if the server insists</source>
        <translation>allow — nur verschlüsseln, wenn der Server darauf besteht</translation>
    </message>
    <message>
        <source>prefer — encrypt if the server can</source>
        <translation>prefer — verschlüsseln, wenn der Server es kann</translation>
    </message>
    <message>
        <source>require — always encrypt (Neon)</source>
        <translation>require — immer verschlüsseln (Neon)</translation>
    </message>
    <message>
        <source>verify-ca — encrypt and check the server&apos;s certificate</source>
        <translation>verify-ca — verschlüsseln und das Zertifikat des Servers prüfen</translation>
    </message>
    <message>
        <source>verify-full — also check the host name (safest)</source>
        <translation>verify-full — auch den Hostnamen prüfen (am sichersten)</translation>
    </message>
    <message>
        <source>&amp;Encryption:</source>
        <translation>Ver&amp;schlüsselung:</translation>
    </message>
    <message>
        <source>Settings problem</source>
        <translation>Problem mit den Einstellungen</translation>
    </message>
    <message>
        <source>CA certificate file</source>
        <translation>CA-Zertifikatsdatei</translation>
    </message>
    <message>
        <source>For verify-ca and verify-full</source>
        <translation>Für verify-ca und verify-full</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>Choose the CA certificate file</source>
        <translation>Die CA-Zertifikatsdatei auswählen</translation>
    </message>
    <message>
        <source>S&amp;ystem CAs</source>
        <translation>S&amp;ystem-CAs</translation>
    </message>
    <message>
        <source>Use the system&apos;s certificate authorities</source>
        <translation>Die Zertifizierungsstellen des Systems verwenden</translation>
    </message>
    <message>
        <source>Use %1, the public certificate authorities this computer trusts. Neon&apos;s certificates are signed by one of them.</source>
        <translation>%1 verwenden, die öffentlichen Zertifizierungsstellen, denen dieser Computer vertraut. Die Zertifikate von Neon sind von einer davon signiert.</translation>
    </message>
    <message>
        <source>C&amp;A certificate:</source>
        <translation>C&amp;A-Zertifikat:</translation>
    </message>
    <message>
        <source>Test the connection</source>
        <translation>Die Verbindung testen</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation>Noch nicht getestet.</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Server version</source>
        <translation>Serverversion</translation>
    </message>
    <message>
        <source>Encrypted (TLS)</source>
        <translation>Verschlüsselt (TLS)</translation>
    </message>
    <message>
        <source>Round trip</source>
        <translation>Umlaufzeit</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>Server:</translation>
    </message>
    <message>
        <source>Encrypted (TLS):</source>
        <translation>Verschlüsselt (TLS):</translation>
    </message>
    <message>
        <source>Round trip:</source>
        <translation>Umlaufzeit:</translation>
    </message>
    <message>
        <source>The environment sets %1, which overrides what is saved here.</source>
        <translation>Die Umgebung setzt %1, was die hier gespeicherten Werte überschreibt.</translation>
    </message>
    <message>
        <source>Saving restarts sync with the new settings.</source>
        <translation>Beim Speichern startet die Synchronisierung mit den neuen Einstellungen neu.</translation>
    </message>
    <message>
        <source>Save the sync settings</source>
        <translation>Die Synchronisierungseinstellungen speichern</translation>
    </message>
    <message>
        <source>CA Certificate</source>
        <translation>CA-Zertifikat</translation>
    </message>
    <message>
        <source>Certificates (*.crt *.pem *.cer);;All files (*)</source>
        <translation>Zertifikate (*.crt *.pem *.cer);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Kept in the system keychain, never in a file.</source>
        <translation>Im Systemschlüsselbund aufbewahrt, nie in einer Datei.</translation>
    </message>
    <message>
        <source>There is no system keychain (Secret Service) on this computer: Tandem keeps the password in memory and asks for it again after it restarts.</source>
        <translation>Auf diesem Computer gibt es keinen Systemschlüsselbund (Secret Service): Tandem behält das Passwort im Speicher und fragt nach einem Neustart erneut danach.</translation>
    </message>
    <message>
        <source>The password goes into %1, which only you can read (mode 0600). Anyone with access to your account or your backups can read it too.</source>
        <translation>Das Passwort kommt in %1, das nur Sie lesen können (Modus 0600). Wer Zugriff auf Ihr Konto oder Ihre Sicherungen hat, kann es ebenfalls lesen.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Verbindung zu %1 wird hergestellt…</translation>
    </message>
    <message>
        <source>PostgreSQL %1</source>
        <translation>PostgreSQL %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <source>%1 ms (SELECT 1, median of %2)</source>
        <translation>%1 ms (SELECT 1, Median von %2)</translation>
    </message>
    <message>
        <source>Connected. Tandem can keep your todos in this database.</source>
        <translation>Verbunden. Tandem kann Ihre Aufgaben in dieser Datenbank aufbewahren.</translation>
    </message>
    <message>
        <source>Paste your Neon &amp;connection string:</source>
        <translation>Fügen Sie Ihre Neon-&amp;Verbindungszeichenkette ein:</translation>
    </message>
    <message>
        <source>Neon&apos;s console shows it when you click Connect. Tandem keeps the password apart from it. Leave the field empty to keep your todos on this computer only.</source>
        <translation>Die Konsole von Neon zeigt sie, wenn Sie auf „Connect“ klicken. Tandem bewahrt das Passwort getrennt davon auf. Lassen Sie das Feld leer, damit Ihre Aufgaben nur auf diesem Computer bleiben.</translation>
    </message>
    <message>
        <source>&amp;Test</source>
        <translation>&amp;Testen</translation>
    </message>
    <message>
        <source>Ad&amp;vanced</source>
        <translation>&amp;Erweitert</translation>
    </message>
    <message>
        <source>Show the advanced settings</source>
        <translation>Die erweiterten Einstellungen zeigen</translation>
    </message>
    <message>
        <source>The profile is chosen when Tandem starts (--profile or TANDEM_PROFILE). These settings are saved in %1. The connection string may also be given as libpq key=value pairs (host=… dbname=…).</source>
        <translation>Das Profil wird beim Start von Tandem gewählt (--profile oder TANDEM_PROFILE). Diese Einstellungen werden in %1 gespeichert. Die Verbindungszeichenkette kann auch als key=value-Paare von libpq angegeben werden (host=… dbname=…).</translation>
    </message>
</context>
<context>
    <name>SyncSettingsDraft</name>
    <message>
        <source>Take sslpassword out of the connection string: Tandem does not store key passphrases.</source>
        <translation>Nehmen Sie sslpassword aus der Verbindungszeichenkette heraus: Tandem speichert keine Schlüssel-Passphrasen.</translation>
    </message>
    <message>
        <source>sslmode=%1 checks the server&apos;s certificate: choose the CA certificate file below (for Neon: System CAs).</source>
        <translation>sslmode=%1 prüft das Zertifikat des Servers: Wählen Sie unten die CA-Zertifikatsdatei (für Neon: System-CAs).</translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message>
        <source>Sync Now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Jetzt synchronisieren</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet synced</source>
        <translation>
            <numerusform>%n Änderung noch nicht synchronisiert</numerusform>
            <numerusform>%n Änderungen noch nicht synchronisiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Sync off</source>
        <translation>Synchronisierung aus</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Wird synchronisiert…</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Offline · %1</source>
        <translation>Offline · %1</translation>
    </message>
    <message>
        <source>Sync error</source>
        <translation>Synchronisierungsfehler</translation>
    </message>
    <message>
        <source>Sync waits for you</source>
        <translation>Synchronisierung wartet auf Sie</translation>
    </message>
    <message>
        <source>Online · %1</source>
        <translation>Online · %1</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Synced at %1</source>
        <translation>Synchronisiert um %1</translation>
    </message>
</context>
<context>
    <name>TandemMigrate</name>
    <message>
        <source>Moves the old todo app&apos;s SQLite file to the cloud database, once.
Exit codes: 0 migrated and validated; 3 migrated and validated with rows repaired or left out;
2 bad usage or bad input (nothing written); 1 failed; 4 this file was already migrated.</source>
        <translation>Überträgt die SQLite-Datei der alten App einmalig in die Cloud-Datenbank.
Rückgabewerte: 0 migriert und geprüft; 3 migriert und geprüft, mit reparierten oder ausgelassenen Zeilen;
2 falscher Aufruf oder unbrauchbare Eingabe (nichts geschrieben); 1 fehlgeschlagen; 4 diese Datei wurde bereits migriert.</translation>
    </message>
    <message>
        <source>The legacy todo_app_local.db (default: the old app&apos;s locations).</source>
        <translation>Die alte todo_app_local.db (Vorgabe: die Speicherorte der alten App).</translation>
    </message>
    <message>
        <source>The cloud database (URI or key=value string).</source>
        <translation>Die Cloud-Datenbank (URI oder key=value-Zeichenkette).</translation>
    </message>
    <message>
        <source>The Tandem profile whose database to use.</source>
        <translation>Das Tandem-Profil, dessen Datenbank verwendet wird.</translation>
    </message>
    <message>
        <source>Show what would be migrated and every problem; write nothing.</source>
        <translation>Zeigen, was migriert würde, und jedes Problem; nichts schreiben.</translation>
    </message>
    <message>
        <source>Write the report as JSON to FILE.</source>
        <translation>Den Bericht als JSON in FILE schreiben.</translation>
    </message>
    <message>
        <source>Do not ask for confirmation.</source>
        <translation>Nicht nach einer Bestätigung fragen.</translation>
    </message>
    <message>
        <source>Todos per transaction (default 10000).</source>
        <translation>Aufgaben pro Transaktion (Vorgabe: 10000).</translation>
    </message>
    <message>
        <source>Show progress on stderr.</source>
        <translation>Den Fortschritt auf stderr zeigen.</translation>
    </message>
    <message>
        <source>give one SOURCE file</source>
        <translation>geben Sie nur eine SOURCE-Datei an</translation>
    </message>
    <message>
        <source>no legacy database found in %1; give its path</source>
        <translation>keine alte Datenbank gefunden in %1; geben Sie ihren Pfad an</translation>
    </message>
    <message>
        <source>--batch needs a positive number</source>
        <translation>--batch braucht eine positive Zahl</translation>
    </message>
    <message>
        <source>add --yes to migrate without confirmation</source>
        <translation>fügen Sie --yes hinzu, um ohne Bestätigung zu migrieren</translation>
    </message>
    <message>
        <source>Migrate %1 to the cloud? [y/N] </source>
        <extracomment>The answer stays y or yes in every language.</extracomment>
        <translation>%1 in die Cloud migrieren? [y/N] </translation>
    </message>
    <message>
        <source>not migrated</source>
        <translation>nicht migriert</translation>
    </message>
    <message>
        <source>Another migration of this file is running; waiting for it.</source>
        <translation>Eine andere Migration dieser Datei läuft; es wird auf sie gewartet.</translation>
    </message>
    <message>
        <source>%1 / %2 todos, %3 rows/s, %4 s left</source>
        <translation>%1 / %2 Aufgaben, %3 Zeilen/s, noch %4 s</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>TodoCommands</name>
    <message>
        <source>Add “%1”</source>
        <translation>„%1“ hinzufügen</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>„%1“ bearbeiten</translation>
    </message>
    <message numerus="yes">
        <source>Complete %n todo(s)</source>
        <translation>
            <numerusform>%n Aufgabe erledigen</numerusform>
            <numerusform>%n Aufgaben erledigen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n todo(s)</source>
        <translation>
            <numerusform>%n Aufgabe wieder öffnen</numerusform>
            <numerusform>%n Aufgaben wieder öffnen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n todo(s)</source>
        <translation>
            <numerusform>%n Aufgabe löschen</numerusform>
            <numerusform>%n Aufgaben löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set priority of %n todo(s)</source>
        <translation>
            <numerusform>Priorität von %n Aufgabe setzen</numerusform>
            <numerusform>Priorität von %n Aufgaben setzen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n todo(s)</source>
        <translation>
            <numerusform>%n Aufgabe verschieben</numerusform>
            <numerusform>%n Aufgaben verschieben</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reorder %n todo(s)</source>
        <translation>
            <numerusform>%n Aufgabe neu anordnen</numerusform>
            <numerusform>%n Aufgaben neu anordnen</numerusform>
        </translation>
    </message>
    <message>
        <source>New list “%1”</source>
        <translation>Neue Liste „%1“</translation>
    </message>
    <message>
        <source>Rename list to “%1”</source>
        <translation>Liste in „%1“ umbenennen</translation>
    </message>
    <message>
        <source>Delete list “%1”</source>
        <translation>Liste „%1“ löschen</translation>
    </message>
    <message>
        <source>Move list “%1”</source>
        <translation>Liste „%1“ verschieben</translation>
    </message>
    <message numerus="yes">
        <source>Remove the due date of %n todo(s)</source>
        <translation>
            <numerusform>Fälligkeitsdatum von %n Aufgabe entfernen</numerusform>
            <numerusform>Fälligkeitsdatum von %n Aufgaben entfernen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reschedule %n todo(s)</source>
        <translation>
            <numerusform>%n Aufgabe neu planen</numerusform>
            <numerusform>%n Aufgaben neu planen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add tag “%1” to %n todo(s)</source>
        <translation>
            <numerusform>Schlagwort „%1“ zu %n Aufgabe hinzufügen</numerusform>
            <numerusform>Schlagwort „%1“ zu %n Aufgaben hinzufügen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag “%1” from %n todo(s)</source>
        <translation>
            <numerusform>Schlagwort „%1“ von %n Aufgabe entfernen</numerusform>
            <numerusform>Schlagwort „%1“ von %n Aufgaben entfernen</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete list “%1”, its todos to the Inbox</source>
        <translation>Liste „%1“ löschen, ihre Aufgaben in den Eingang</translation>
    </message>
    <message>
        <source>Add subtask “%1”</source>
        <translation>Unteraufgabe „%1“ hinzufügen</translation>
    </message>
    <message numerus="yes">
        <source>Complete %n todo(s) with their subtasks</source>
        <translation>
            <numerusform>%n Todo mit Unteraufgaben erledigen</numerusform>
            <numerusform>%n Todos mit Unteraufgaben erledigen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodoDelegate</name>
    <message>
        <source>Today</source>
        <translation>Heute</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Morgen</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Gestern</translation>
    </message>
    <message>
        <source>d MMM</source>
        <comment>short due date in this year</comment>
        <translation>d. MMM</translation>
    </message>
    <message>
        <source>d MMM yyyy</source>
        <comment>short due date in another year</comment>
        <translation>d. MMM yyyy</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>due day, then due time</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>+%1</source>
        <translation>+%1</translation>
    </message>
    <message>
        <source>Not yet synced</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Mark as not done</source>
        <translation>Als nicht erledigt markieren</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Als erledigt markieren</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 um %2</translation>
    </message>
    <message>
        <source>Overdue: due %1</source>
        <translation>Überfällig: fällig %1</translation>
    </message>
    <message>
        <source>Due %1</source>
        <translation>Fällig %1</translation>
    </message>
    <message>
        <source>High priority</source>
        <translation>Hohe Priorität</translation>
    </message>
    <message>
        <source>Medium priority</source>
        <translation>Mittlere Priorität</translation>
    </message>
    <message>
        <source>Low priority</source>
        <translation>Niedrige Priorität</translation>
    </message>
    <message>
        <source>Starts %1</source>
        <translation>Beginnt %1</translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n subtask(s) done</source>
        <translation>
            <numerusform>%1 von %n Unteraufgabe erledigt</numerusform>
            <numerusform>%1 von %n Unteraufgaben erledigt</numerusform>
        </translation>
    </message>
    <message>
        <source>Subtask of “%1”</source>
        <translation>Unteraufgabe von „%1“</translation>
    </message>
</context>
<context>
    <name>TodoFinder</name>
    <message>
        <source>No todo with the id %1.</source>
        <translation>Keine Aufgabe mit der ID %1.</translation>
    </message>
    <message>
        <source>No list named &quot;%1&quot;.</source>
        <translation>Keine Liste namens „%1“.</translation>
    </message>
    <message numerus="yes">
        <source>The id %1 is too short; give at least %n characters of it.</source>
        <translation>
            <numerusform>Die ID %1 ist zu kurz; bitte mindestens %n Zeichen davon angeben.</numerusform>
            <numerusform>Die ID %1 ist zu kurz; bitte mindestens %n Zeichen davon angeben.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The id %1 matches more than one todo; give at least %n characters of it.</source>
        <translation>
            <numerusform>Die ID %1 passt zu mehr als einer Aufgabe; bitte mindestens %n Zeichen davon angeben.</numerusform>
            <numerusform>Die ID %1 passt zu mehr als einer Aufgabe; bitte mindestens %n Zeichen davon angeben.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodoListPresenter</name>
    <message>
        <source>Add “%1” to the new list “%2”</source>
        <translation>„%1“ zur neuen Liste „%2“ hinzufügen</translation>
    </message>
</context>
<context>
    <name>TodoListView</name>
    <message>
        <source>Todos</source>
        <translation>Aufgaben</translation>
    </message>
</context>
<context>
    <name>TodoStore</name>
    <message>
        <source>A list needs a name.</source>
        <translation>Eine Liste braucht einen Namen.</translation>
    </message>
    <message>
        <source>The Inbox cannot be deleted.</source>
        <translation>Der Eingang kann nicht gelöscht werden.</translation>
    </message>
    <message>
        <source>A todo needs a title.</source>
        <translation>Eine Aufgabe braucht einen Titel.</translation>
    </message>
    <message>
        <source>The list of a todo no longer exists.</source>
        <translation>Die Liste einer Aufgabe existiert nicht mehr.</translation>
    </message>
    <message>
        <source>The todo of a reminder no longer exists.</source>
        <translation>Die Aufgabe einer Erinnerung gibt es nicht mehr.</translation>
    </message>
</context>
<context>
    <name>TrayIcon</name>
    <message>
        <source>Show Tandem</source>
        <translation>Tandem anzeigen</translation>
    </message>
    <message>
        <source>Quick Add…</source>
        <translation>Schnelleingabe…</translation>
    </message>
    <message>
        <source>Pause reminders for 1 hour</source>
        <translation>Erinnerungen 1 Stunde lang pausieren</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>Reminders paused</source>
        <translation>Erinnerungen pausiert</translation>
    </message>
</context>
<context>
    <name>ValidatePage</name>
    <message>
        <source>Validation</source>
        <translation>Prüfung</translation>
    </message>
    <message>
        <source>Every imported row was read back from the cloud and compared with the file.</source>
        <translation>Jede importierte Zeile wurde aus der Cloud zurückgelesen und mit der Datei verglichen.</translation>
    </message>
    <message>
        <source>Validation result</source>
        <translation>Ergebnis der Prüfung</translation>
    </message>
    <message>
        <source>Rows that differ</source>
        <translation>Abweichende Zeilen</translation>
    </message>
    <message numerus="yes">
        <source>Validated: %n row(s) compared, every one as in the file.</source>
        <translation>
            <numerusform>Geprüft: %n Zeile verglichen, sie stimmt mit der Datei überein.</numerusform>
            <numerusform>Geprüft: %n Zeilen verglichen, jede stimmt mit der Datei überein.</numerusform>
        </translation>
    </message>
    <message>
        <source>This file was imported and validated before; nothing was compared again.</source>
        <translation>Diese Datei wurde bereits importiert und geprüft; es wurde nichts erneut verglichen.</translation>
    </message>
    <message>
        <source>Not validated: %1</source>
        <translation>Nicht geprüft: %1</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>What the import does</source>
        <translation>Was der Import macht</translation>
    </message>
    <message>
        <source>Import from the Python Todo App</source>
        <translation>Aus der Python-Todo-App importieren</translation>
    </message>
    <message>
        <source>Bring your todos from the Python Todo app into Tandem, once.</source>
        <translation>Holen Sie Ihre Aufgaben einmalig aus der Python-Todo-App in Tandem.</translation>
    </message>
    <message>
        <source>&lt;p&gt;This assistant moves the todos, tags and their links from the Python Todo app&apos;s file into your Tandem cloud database. A cloud database is needed because the import goes there first, and from there Tandem syncs your todos to this computer and to every other one you use. It will:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;find the Python Todo app&apos;s file (or let you pick it) and check it;&lt;/li&gt;&lt;li&gt;make a verified backup copy beside it;&lt;/li&gt;&lt;li&gt;check the connection to your cloud database;&lt;/li&gt;&lt;li&gt;show what will be imported and every row that needs a repair;&lt;/li&gt;&lt;li&gt;transfer the rows, then compare every row in the cloud with the file.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;&lt;b&gt;Nothing is deleted.&lt;/b&gt; The Python Todo app&apos;s file stays exactly as it is, and the imported todos go to a new list called &quot;Imported&quot;. You can cancel at any time and resume later.&lt;/p&gt;</source>
        <translation>&lt;p&gt;Dieser Assistent überträgt die Aufgaben, Schlagwörter und ihre Verknüpfungen aus der Datei der Python-Todo-App in Ihre Tandem-Cloud-Datenbank. Eine Cloud-Datenbank ist nötig, weil der Import zuerst dorthin geht; von dort synchronisiert Tandem Ihre Aufgaben auf diesen und jeden anderen Computer, den Sie nutzen. Er wird:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;die Datei der Python-Todo-App finden (oder Sie sie auswählen lassen) und prüfen;&lt;/li&gt;&lt;li&gt;daneben eine geprüfte Sicherungskopie anlegen;&lt;/li&gt;&lt;li&gt;die Verbindung zu Ihrer Cloud-Datenbank prüfen;&lt;/li&gt;&lt;li&gt;zeigen, was importiert wird und welche Zeilen repariert werden müssen;&lt;/li&gt;&lt;li&gt;die Zeilen übertragen und dann jede Zeile in der Cloud mit der Datei vergleichen.&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;&lt;b&gt;Es wird nichts gelöscht.&lt;/b&gt; Die Datei der Python-Todo-App bleibt genau so, wie sie ist, und die importierten Aufgaben kommen in eine neue Liste namens „Imported“. Sie können jederzeit abbrechen und später fortsetzen.&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>WindowActions</name>
    <message>
        <source>&amp;New Todo</source>
        <translation>&amp;Neue Aufgabe</translation>
    </message>
    <message>
        <source>New &amp;List</source>
        <translation>Neue &amp;Liste</translation>
    </message>
    <message>
        <source>&amp;Sync Now</source>
        <translation>Jetzt &amp;synchronisieren</translation>
    </message>
    <message>
        <source>Sync Se&amp;ttings…</source>
        <translation>Synchronisierungs&amp;einstellungen…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Complete</source>
        <translation>&amp;Erledigt</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>&amp;Edit Title</source>
        <translation>&amp;Titel bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Suchen…</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>&amp;None</source>
        <translation>&amp;Keine</translation>
    </message>
    <message>
        <source>&amp;Low</source>
        <translation>&amp;Niedrig</translation>
    </message>
    <message>
        <source>&amp;Medium</source>
        <translation>&amp;Mittel</translation>
    </message>
    <message>
        <source>&amp;High</source>
        <translation>&amp;Hoch</translation>
    </message>
    <message>
        <source>&amp;Rename List</source>
        <translation>Liste umbe&amp;nennen</translation>
    </message>
    <message>
        <source>&amp;Delete List</source>
        <translation>Liste lö&amp;schen</translation>
    </message>
    <message>
        <source>Move List &amp;Up</source>
        <translation>Liste nach &amp;oben</translation>
    </message>
    <message>
        <source>Move List Do&amp;wn</source>
        <translation>Liste nach &amp;unten</translation>
    </message>
    <message>
        <source>&amp;Hide Completed</source>
        <translation>&amp;Erledigte ausblenden</translation>
    </message>
    <message>
        <source>&amp;Conflict Log…</source>
        <translation>&amp;Konfliktprotokoll…</translation>
    </message>
    <message>
        <source>&amp;Manual Order</source>
        <translation>&amp;Manuelle Reihenfolge</translation>
    </message>
    <message>
        <source>&amp;Due Date</source>
        <translation>&amp;Fälligkeitsdatum</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Priorität</translation>
    </message>
    <message>
        <source>&amp;Title</source>
        <translation>&amp;Titel</translation>
    </message>
    <message>
        <source>&amp;Newest First</source>
        <translation>&amp;Neueste zuerst</translation>
    </message>
    <message>
        <source>&amp;About Tandem</source>
        <translation>Ü&amp;ber Tandem</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Move To</source>
        <translation>&amp;Verschieben nach</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;Liste</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Sort By</source>
        <translation>&amp;Sortieren nach</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Quick Add Syntax</source>
        <translation>&amp;Schnelleingabe</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>&amp;Einstellungen…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Tandem</source>
        <translation>Tandem</translation>
    </message>
    <message>
        <source>Sync is off: %1</source>
        <translation>Synchronisierung aus: %1</translation>
    </message>
</context>
</TS>
