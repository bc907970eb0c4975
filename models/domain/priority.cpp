#include "priority.h"

using namespace Qt::StringLiterals;

namespace Priorities {

Priority fromInt(int value)
{
    if (value < 0 || value >= kCount)
        return Priority::None;
    return static_cast<Priority>(value);
}

QString key(Priority priority)
{
    switch (priority) {
    case Priority::Low:
        return u"low"_s;
    case Priority::Medium:
        return u"medium"_s;
    case Priority::High:
        return u"high"_s;
    case Priority::None:
        break;
    }
    return u"none"_s;
}

} // namespace Priorities
