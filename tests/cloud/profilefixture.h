#pragma once

#include "cloud/profileloader.h"

#include <QFile>
#include <QStringList>
#include <QTemporaryDir>

#include <utility>

// A temporary profile folder for ProfileLoader tests: .env.<profile> files,
// a stand-in CA certificate file, and loader inputs built from "NAME=value"
// lists (the value may contain "=").
class ProfileFixture
{
public:
    ProfileFixture()
    {
        QFile ca(caFile());
        if (!m_dir.isValid() || !ca.open(QIODevice::WriteOnly)
            || ca.write("-----BEGIN CERTIFICATE-----\n") < 0)
            qFatal("cannot set up the profile folder %s", qPrintable(m_dir.path()));
    }

    QString path() const { return m_dir.path(); }
    QString filePath(const QString &name) const { return m_dir.filePath(name); }
    QString caFile() const { return m_dir.filePath(QStringLiteral("ca.crt")); }
    QString envPath(const QString &profile) const
    {
        return m_dir.filePath(QStringLiteral(".env.") + profile);
    }

    // Writes .env.<profile>, one line per item.
    bool writeEnvFile(const QString &profile, const QStringList &lines) const
    {
        QFile file(envPath(profile));
        return file.open(QIODevice::WriteOnly)
            && file.write((lines.join(u'\n') + u'\n').toUtf8()) >= 0;
    }

    ProfileLoader::Inputs inputs(const QStringList &environment, const QStringList &commandLine,
        const QString &profileName = {}) const
    {
        ProfileLoader::Inputs result;
        result.profileName = profileName;
        result.profileDir = m_dir.path();
        // HOME points into the test folder, so libpq's default CA file is ours.
        result.environment.insert(QStringLiteral("HOME"), m_dir.path());
        for (const QString &pair : environment) {
            const auto [name, value] = split(pair);
            result.environment.insert(name, value);
        }
        for (const QString &pair : commandLine) {
            const auto [key, value] = split(pair);
            result.commandLine.insert(key, value);
        }
        return result;
    }

private:
    static std::pair<QString, QString> split(const QString &pair)
    {
        const qsizetype equals = pair.indexOf(u'=');
        return {pair.left(equals), pair.mid(equals + 1)};
    }

    QTemporaryDir m_dir;
};
