#pragma once

#include "measurement.h"

#include <QList>
#include <QStringList>

// The sync targets, against the throwaway PostgreSQL that ./dev bench starts
// (TANDEM_TEST_PG*): the first sync of a big cloud into an empty cache, a
// push of many edits through a proxy that adds 25 ms round trips, the time
// from one desktop's change until another sees it over LISTEN, and a table of
// create/read/update/delete rates, SQLite against PostgreSQL.
class SyncBench
{
public:
    struct Config
    {
        int cloudRows = 100'000;
        int pushedEdits = 10'000;
        int listenSamples = 20;
        int crudOperations = 1000;
    };

    explicit SyncBench(const Config &config);

    // False with *error when a measurement could not be made. Without a
    // server it adds "not measured" rows and returns true.
    bool run(QList<Measurement> *measurements, QStringList *details, QString *error);

private:
    bool firstSync(QList<Measurement> *measurements, QStringList *details, QString *error);
    bool pushThroughSlowLink(QList<Measurement> *measurements, QStringList *details, QString *error);
    bool listenLatency(QList<Measurement> *measurements, QStringList *details, QString *error);
    bool crudComparison(QStringList *details, QString *error);

    Config m_config;
};
