#pragma once

#include "timestamp.h"

#include <QString>

#include <optional>

struct TodoList
{
    QString id;
    QString name;
    double position = 0;
    bool isInbox = false; // the one list that always exists and cannot be deleted
    Timestamp::Micros createdAt = 0;
    Timestamp::Micros updatedAt = 0;
    std::optional<Timestamp::Micros> deletedAt;

    bool isDeleted() const { return deletedAt.has_value(); }
};

struct Tag
{
    QString id;
    QString name;
    int openCount = 0; // top-level todos not done and not deleted
};
