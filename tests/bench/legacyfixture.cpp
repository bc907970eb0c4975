#include "legacyfixture.h"

#include "childprocess.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

// Debian's interpreter, by its full path: the generator needs the ORM from
// the python3-sqlalchemy package, which another python3 first in PATH (a
// virtualenv, a newer build) would not see.
constexpr auto kPython = "/usr/bin/python3";
constexpr qint64 kGenerateTimeoutMs = 10 * 60 * 1000;

QString generatorHash()
{
    QFile generator(QStringLiteral(TANDEM_BENCH_LEGACY_GENERATOR));
    if (!generator.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(
        QCryptographicHash::hash(generator.readAll(), QCryptographicHash::Sha256).toHex().left(12));
}

} // namespace

QString LegacyFixture::file(int rows, qint64 *generatedMs, QString *error)
{
    *generatedMs = 0;
    const QString hash = generatorHash();
    if (hash.isEmpty()) {
        *error
            = u"cannot read the generator %1"_s.arg(QStringLiteral(TANDEM_BENCH_LEGACY_GENERATOR));
        return {};
    }
    const QDir cache(QStringLiteral(TANDEM_BENCH_CACHE_DIR));
    if (!cache.mkpath(u"."_s)) {
        *error = u"cannot create %1"_s.arg(cache.path());
        return {};
    }
    const QString path
        = cache.filePath(u"legacy-v2-%1rows-seed%2-%3.db"_s.arg(rows).arg(kSeed).arg(hash));
    if (QFileInfo::exists(path))
        return path;

    // Written under a name of its own and renamed when complete, so an
    // interrupted or concurrent run never leaves a half-written file behind
    // under the final name.
    const QString partial
        = path + u".partial-"_s + QUuid::createUuid().toString(QUuid::Id128).left(8);
    QElapsedTimer timer;
    timer.start();
    const ChildProcess::Result run = ChildProcess::run(QString::fromLatin1(kPython),
        {QStringLiteral(TANDEM_BENCH_LEGACY_GENERATOR), partial, u"--schema"_s, u"v2"_s,
            u"--rows"_s, QString::number(rows), u"--seed"_s, QString::number(kSeed)},
        QProcessEnvironment::systemEnvironment(), partial + u".out"_s, partial + u".err"_s,
        kGenerateTimeoutMs);
    const QString output = ChildProcess::reasonIn(partial + u".err"_s);
    QFile::remove(partial + u".out"_s);
    QFile::remove(partial + u".err"_s);
    if (!run.exitedWith(0)) {
        QFile::remove(partial);
        *error = u"make_legacy_db.py (%1, needs python3-sqlalchemy): %2 %3"_s.arg(
            QString::fromLatin1(kPython), run.describe(), output);
        return {};
    }
    if (!QFile::rename(partial, path) && !QFileInfo::exists(path)) {
        QFile::remove(partial);
        *error = u"cannot rename the generated file to %1"_s.arg(path);
        return {};
    }
    QFile::remove(partial); // when another run renamed its copy first
    *generatedMs = timer.elapsed();
    return path;
}

QString LegacyFixture::copyInto(const QString &source, const QString &dir, QString *error)
{
    const QString target = QDir(dir).filePath(u"todo_app_local.db"_s);
    for (const QString &suffix : {QString(), u"-wal"_s, u"-shm"_s}) {
        if (!QFileInfo::exists(source + suffix))
            continue;
        QFile::remove(target + suffix);
        if (!QFile::copy(source + suffix, target + suffix)) {
            *error = u"cannot copy %1 to %2"_s.arg(source + suffix, target + suffix);
            return {};
        }
        QFile::setPermissions(target + suffix, QFile::ReadOwner | QFile::WriteOwner);
    }
    return target;
}
