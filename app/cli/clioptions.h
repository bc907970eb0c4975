#pragma once

#include "clirequest.h"

#include <QList>
#include <QString>

#include <functional>

// tandem-cli's options: each one's name, whether it takes a value, the
// commands it belongs to, and how its value goes into the CliRequest
// (checked on the way, so a usage error never opens the cache).
struct OptionSpec
{
    // Why a value was refused, or an empty string when it was taken.
    using Apply = std::function<QString(CliRequest &, const QString &value)>;

    QString name; // with the dashes
    bool takesValue = false;
    QList<CliRequest::Command> commands; // empty: every command (a global option)
    Apply apply;
};

namespace CliOptions {
const QList<OptionSpec> &specs();
const OptionSpec *find(const QString &name);
} // namespace CliOptions
