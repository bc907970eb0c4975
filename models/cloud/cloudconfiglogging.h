#pragma once

#include <QLoggingCategory>

// The logging category of the cloud connection settings (ConnectionConfig,
// ProfileLoader). Nothing logged under it may contain a password: log
// ConnectionConfig::redacted() only.
Q_DECLARE_LOGGING_CATEGORY(lcCloudConfig)
