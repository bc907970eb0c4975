#pragma once

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

// Runs work() on a thread of its own and calls done(result) in context's
// thread (queued), not at all once context is gone. The thread deletes
// itself when it is done.
template<typename Result>
void runOnWorker(QObject *context, std::function<Result()> work, std::function<void(const Result &)> done)
{
    auto result = std::make_shared<Result>();
    QThread *thread = QThread::create([result, work] { *result = work(); });
    QObject::connect(thread, &QThread::finished, context, [result, done] { done(*result); });
    QObject::connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    thread->start();
}
