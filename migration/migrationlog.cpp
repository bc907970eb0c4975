#include "migrationlog.h"

Q_LOGGING_CATEGORY(lcMigration, "tandem.migration", QtInfoMsg)
