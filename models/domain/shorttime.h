#pragma once

#include <QString>
#include <QTime>

// A time of day as people read it in their language: the locale's short
// time format without seconds. Some locales (C among them) put seconds in
// it, and no one sets a due to the second.
namespace ShortTime {

QString format();
QString text(QTime time);

} // namespace ShortTime
