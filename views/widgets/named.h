#pragma once

#include <QString>

// Names a field twice: tests find it by object name, screen readers announce
// the accessible one.
template<typename Widget>
Widget *named(Widget *widget, const QString &objectName, const QString &accessibleName)
{
    widget->setObjectName(objectName);
    widget->setAccessibleName(accessibleName);
    return widget;
}
