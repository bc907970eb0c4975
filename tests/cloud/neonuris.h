#pragma once

#include <QString>

// Neon's example endpoint as its console shows it, shared by the tests that
// parse, redact or load such a connection string.
inline const QString kNeonHost = QStringLiteral("ep-cool-darkness-123456.us-east-2.aws.neon.tech");
inline const QString kNeonPoolerHost
    = QStringLiteral("ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech");
inline const QString kNeonPassword = QStringLiteral("AbC123dEf");
// What Neon's console shows, character for character.
inline const QString kNeonUri = QStringLiteral(
    "postgresql://alex:AbC123dEf@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require");
inline const QString kNeonPooledUri = QStringLiteral(
    "postgresql://alex:AbC123dEf@ep-cool-darkness-123456-pooler.us-east-2.aws.neon.tech/neondb?sslmode=require&channel_binding=require");
