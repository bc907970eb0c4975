#include "cloudconfiglogging.h"

// Debug lines (one per connection set up) only when asked for with
// QT_LOGGING_RULES="tandem.cloud.config.debug=true".
Q_LOGGING_CATEGORY(lcCloudConfig, "tandem.cloud.config", QtInfoMsg)
