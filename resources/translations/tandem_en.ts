<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BulkEditPane</name>
    <message numerus="yes">
        <source>%n todo(s) selected</source>
        <translation>
            <numerusform>%n todo selected</numerusform>
            <numerusform>%n todos selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CloudImporter</name>
    <message numerus="yes">
        <source>%1; %2 of %n todos are in the cloud, and running the migration again resumes it</source>
        <translation>
            <numerusform>%1; %2 of %n todo is in the cloud, and running the migration again resumes it</numerusform>
            <numerusform>%1; %2 of %n todos are in the cloud, and running the migration again resumes it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>cancelled after %1 of %n todos; the cloud holds whole batches only, and running the migration again resumes it</source>
        <translation>
            <numerusform>cancelled after %1 of %n todo; the cloud holds whole batches only, and running the migration again resumes it</numerusform>
            <numerusform>cancelled after %1 of %n todos; the cloud holds whole batches only, and running the migration again resumes it</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the file had %n todos when it was read, %1 now</source>
        <translation>
            <numerusform>the file had %n todo when it was read, %1 now</numerusform>
            <numerusform>the file had %n todos when it was read, %1 now</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CompleteParentDialog</name>
    <message numerus="yes">
        <source>“%1” has %n open subtask(s). Complete them too?</source>
        <translation>
            <numerusform>“%1” has %n open subtask. Complete it too?</numerusform>
            <numerusform>“%1” has %n open subtasks. Complete them too?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The %1 selected todos have %n open subtask(s). Complete them too?</source>
        <translation>
            <numerusform>The %1 selected todos have %n open subtask. Complete it too?</numerusform>
            <numerusform>The %1 selected todos have %n open subtasks. Complete them too?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ConflictLogDialog</name>
    <message numerus="yes">
        <source>Restore %n Value(s) from the Conflict Log</source>
        <translation>
            <numerusform>Restore %n Value from the Conflict Log</numerusform>
            <numerusform>Restore %n Values from the Conflict Log</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Restored %n value(s). Edit ▸ Undo (Ctrl+Z) takes it back.</source>
        <translation>
            <numerusform>Restored %n value. Edit ▸ Undo (Ctrl+Z) takes it back.</numerusform>
            <numerusform>Restored %n values. Edit ▸ Undo (Ctrl+Z) takes it back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Dismissed %n entry(ies).</source>
        <translation>
            <numerusform>Dismissed %n entry.</numerusform>
            <numerusform>Dismissed %n entries.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DeleteListDialog</name>
    <message numerus="yes">
        <source>Delete the list “%1”? It has %n todo(s).</source>
        <translation>
            <numerusform>Delete the list “%1”? It has %n todo.</numerusform>
            <numerusform>Delete the list “%1”? It has %n todos.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move Its %n Todo(s) to Inbox</source>
        <translation>
            <numerusform>Move Its %n Todo to Inbox</numerusform>
            <numerusform>Move Its %n Todos to Inbox</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message numerus="yes">
        <source>%n todo(s) imported and validated. %1</source>
        <translation>
            <numerusform>%n todo imported and validated. %1</numerusform>
            <numerusform>%n todos imported and validated. %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) were repaired or left out (listed in the report below).</source>
        <translation>
            <numerusform>%n row was repaired or left out (listed in the report below).</numerusform>
            <numerusform>%n rows were repaired or left out (listed in the report below).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>LegacyValues</name>
    <message numerus="yes">
        <source>… (%n bytes)</source>
        <translation>
            <numerusform>… (%n byte)</numerusform>
            <numerusform>… (%n bytes)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>The cloud wants to delete %n todo(s) on this computer.</source>
        <translation>
            <numerusform>The cloud wants to delete %n todo on this computer.</numerusform>
            <numerusform>The cloud wants to delete %n todos on this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n todo(s)</source>
        <translation>
            <numerusform>%n todo</numerusform>
            <numerusform>%n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n overdue</source>
        <translation>
            <numerusform>%n overdue</numerusform>
            <numerusform>%n overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n todos selected</source>
        <translation>
            <numerusform>%n todo selected</numerusform>
            <numerusform>%n todos selected</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MigrationRunner</name>
    <message numerus="yes">
        <source>Dry run: nothing was written. %n todos would be migrated, %1 problems listed above.</source>
        <translation>
            <numerusform>Dry run: nothing was written. %n todo would be migrated, %1 problems listed above.</numerusform>
            <numerusform>Dry run: nothing was written. %n todos would be migrated, %1 problems listed above.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Migrated and validated; %n rows were repaired or left out (listed above).</source>
        <translation>
            <numerusform>Migrated and validated; %n row was repaired or left out (listed above).</numerusform>
            <numerusform>Migrated and validated; %n rows were repaired or left out (listed above).</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PasswordStore</name>
    <message numerus="yes">
        <source>The system keychain did not answer within %n second(s).</source>
        <translation>
            <numerusform>The system keychain did not answer within %n second.</numerusform>
            <numerusform>The system keychain did not answer within %n seconds.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message numerus="yes">
        <source>%n row(s) need a repair or are left out.</source>
        <translation>
            <numerusform>%n row needs a repair or is left out.</numerusform>
            <numerusform>%n rows need a repair or are left out.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QuickAddParser</name>
    <message numerus="yes">
        <source>Remind %n day(s) before at %1</source>
        <translation>
            <numerusform>Remind %n day before at %1</numerusform>
            <numerusform>Remind %n days before at %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remind %n day(s) before</source>
        <translation>
            <numerusform>Remind %n day before</numerusform>
            <numerusform>Remind %n days before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remind %n min before</source>
        <translation>
            <numerusform>Remind %n min before</numerusform>
            <numerusform>Remind %n min before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remind %n hour(s) before</source>
        <translation>
            <numerusform>Remind %n hour before</numerusform>
            <numerusform>Remind %n hours before</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderAlerts</name>
    <message numerus="yes">
        <source>%n missed reminder(s)</source>
        <translation>
            <numerusform>%n missed reminder</numerusform>
            <numerusform>%n missed reminders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderOperations</name>
    <message numerus="yes">
        <source>Add %n reminder(s) to “%1”</source>
        <translation>
            <numerusform>Add %n reminder to “%1”</numerusform>
            <numerusform>Add %n reminders to “%1”</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReminderText</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n hour</numerusform>
            <numerusform>%n hours</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minute</numerusform>
            <numerusform>%n minutes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) before at %1</source>
        <translation>
            <numerusform>%n day before at %1</numerusform>
            <numerusform>%n days before at %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SidebarModel</name>
    <message numerus="yes">
        <source>%1, %n open</source>
        <translation>
            <numerusform>%1, %n open</numerusform>
            <numerusform>%1, %n open</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n open todos</source>
        <translation>
            <numerusform>%n open todo</numerusform>
            <numerusform>%n open todos</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncSession</name>
    <message numerus="yes">
        <source>Tandem now syncs with another cloud database or role (%1). This desktop&apos;s %n todo(s) were copied there; nothing was removed from the one it synced with before.</source>
        <translation>
            <numerusform>Tandem now syncs with another cloud database or role (%1). This desktop&apos;s %n todo was copied there; nothing was removed from the one it synced with before.</numerusform>
            <numerusform>Tandem now syncs with another cloud database or role (%1). This desktop&apos;s %n todos were copied there; nothing was removed from the one it synced with before.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>This data folder was restored from a backup or copied from another computer. Tandem now syncs it as a new desktop and sends its %n waiting change(s) again.</source>
        <translation>
            <numerusform>This data folder was restored from a backup or copied from another computer. Tandem now syncs it as a new desktop and sends its %n waiting change again.</numerusform>
            <numerusform>This data folder was restored from a backup or copied from another computer. Tandem now syncs it as a new desktop and sends its %n waiting changes again.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatusWidget</name>
    <message numerus="yes">
        <source>%n change(s) not yet synced</source>
        <translation>
            <numerusform>%n change not yet synced</numerusform>
            <numerusform>%n changes not yet synced</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodoCommands</name>
    <message numerus="yes">
        <source>Complete %n todo(s)</source>
        <translation>
            <numerusform>Complete %n todo</numerusform>
            <numerusform>Complete %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reopen %n todo(s)</source>
        <translation>
            <numerusform>Reopen %n todo</numerusform>
            <numerusform>Reopen %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n todo(s)</source>
        <translation>
            <numerusform>Delete %n todo</numerusform>
            <numerusform>Delete %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set priority of %n todo(s)</source>
        <translation>
            <numerusform>Set priority of %n todo</numerusform>
            <numerusform>Set priority of %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Move %n todo(s)</source>
        <translation>
            <numerusform>Move %n todo</numerusform>
            <numerusform>Move %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reorder %n todo(s)</source>
        <translation>
            <numerusform>Reorder %n todo</numerusform>
            <numerusform>Reorder %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove the due date of %n todo(s)</source>
        <translation>
            <numerusform>Remove the due date of %n todo</numerusform>
            <numerusform>Remove the due date of %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reschedule %n todo(s)</source>
        <translation>
            <numerusform>Reschedule %n todo</numerusform>
            <numerusform>Reschedule %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Add tag “%1” to %n todo(s)</source>
        <translation>
            <numerusform>Add tag “%1” to %n todo</numerusform>
            <numerusform>Add tag “%1” to %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove tag “%1” from %n todo(s)</source>
        <translation>
            <numerusform>Remove tag “%1” from %n todo</numerusform>
            <numerusform>Remove tag “%1” from %n todos</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Complete %n todo(s) with their subtasks</source>
        <translation>
            <numerusform>Complete %n todo with its subtasks</numerusform>
            <numerusform>Complete %n todos with their subtasks</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodoDelegate</name>
    <message numerus="yes">
        <source>%1 of %n subtask(s) done</source>
        <translation>
            <numerusform>%1 of %n subtask done</numerusform>
            <numerusform>%1 of %n subtasks done</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TodoFinder</name>
    <message numerus="yes">
        <source>The id %1 is too short; give at least %n characters of it.</source>
        <translation>
            <numerusform>The id %1 is too short; give at least %n character of it.</numerusform>
            <numerusform>The id %1 is too short; give at least %n characters of it.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The id %1 matches more than one todo; give at least %n characters of it.</source>
        <translation>
            <numerusform>The id %1 matches more than one todo; give at least %n character of it.</numerusform>
            <numerusform>The id %1 matches more than one todo; give at least %n characters of it.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ValidatePage</name>
    <message numerus="yes">
        <source>Validated: %n row(s) compared, every one as in the file.</source>
        <translation>
            <numerusform>Validated: %n row compared, as in the file.</numerusform>
            <numerusform>Validated: %n rows compared, every one as in the file.</numerusform>
        </translation>
    </message>
</context>
</TS>
