#include "rowtrace.h"

#include "itemmodels/todomodel.h"

#include <QAbstractItemModel>
#include <QAbstractItemView>
#include <QStringList>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace RowTrace {

namespace {

constexpr int kMostTitles = 100; // a trace line stays readable at any size

void print(const QAbstractItemModel *model)
{
    QStringList titles;
    const int rows = model->rowCount();
    for (int row = 0; row < rows && row < kMostTitles; ++row)
        titles << model->index(row, 0).data(TodoModel::TitleRole).toString().replace(u'\n', u' ');
    const QByteArray line = (u"tandem: rows: %1: "_s.arg(rows) + titles.join(u" | "_s) + u'\n').toUtf8();
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);
    std::fflush(stderr);
}

} // namespace

void installIfAsked(QAbstractItemView *view)
{
    if (qEnvironmentVariable("TANDEM_TRACE_ROWS") != u"1"_s || !view || !view->model())
        return;
    QAbstractItemModel *model = view->model();
    // One line per turn of the event loop, however many signals a refresh sends.
    auto *pending = new QTimer(view);
    pending->setSingleShot(true);
    pending->setInterval(0);
    QObject::connect(pending, &QTimer::timeout, view, [model] { print(model); });
    const auto later = [pending] { pending->start(); };
    QObject::connect(model, &QAbstractItemModel::modelReset, pending, later);
    QObject::connect(model, &QAbstractItemModel::rowsInserted, pending, later);
    QObject::connect(model, &QAbstractItemModel::rowsRemoved, pending, later);
    QObject::connect(model, &QAbstractItemModel::dataChanged, pending, later);
    QObject::connect(model, &QAbstractItemModel::layoutChanged, pending, later);
    pending->start(); // the rows shown first
}

} // namespace RowTrace
