#pragma once

#include <QLoggingCategory>

// One category for the whole legacy import, so a support log can be
// filtered with QT_LOGGING_RULES=tandem.migration.debug=true.
Q_DECLARE_LOGGING_CATEGORY(lcMigration)
