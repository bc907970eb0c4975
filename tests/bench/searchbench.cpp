#include "searchbench.h"

#include "paintprobe.h"

#include "itemmodels/todomodel.h"
#include "store/localdatabase.h"
#include "store/todostore.h"
#include "widgets/mainwindow.h"
#include "widgets/todolistview.h"

#include <QElapsedTimer>
#include <QLineEdit>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kKeystrokeTargetNs = 50'000'000;
} // namespace

SearchBench::SearchBench(const QString &databasePath, const QList<Word> &words, int rounds)
    : m_databasePath(databasePath)
    , m_words(words)
    , m_rounds(rounds)
{
}

bool SearchBench::run(QList<Measurement> *measurements, QStringList *details, QString *error)
{
    LocalDatabase database;
    const auto opened = database.open(m_databasePath);
    if (!opened.ok()) {
        *error = u"cannot open %1: %2"_s.arg(m_databasePath, opened.detail);
        return false;
    }
    TodoStore store(&database);
    MainWindow window(&database, &store);
    window.selectFilter(TodoFilter::smart(TodoFilter::Kind::All));
    TodoModel *model = window.todoModel();
    QLineEdit *field = window.searchField();
    QElapsedTimer timer;
    timer.start();
    PaintProbe probe(window.todoList()->viewport(), &timer, model);
    window.show();
    if (!probe.waitForPaint()) {
        *error = u"the todo list was never painted"_s;
        return false;
    }
    field->setFocus();
    field->clear();
    const int allRows = model->matchingCount();
    details->append(u"Search in the All list (first round; ms per keystroke, key event → list repainted):"_s);

    Samples all, handled;
    // One keystroke: the clock stops when the list has repainted.
    auto keystroke = [&](auto key, Samples *samples, QString *label) {
        probe.reset();
        timer.start();
        QTest::keyClick(field, key);
        handled.add(timer.nsecsElapsed());
        const bool painted = probe.waitForPaint();
        const qint64 ns = probe.lastPaintEndNs();
        if (!painted) {
            *error = u"the list did not repaint after a keystroke in the search field"_s;
            return false;
        }
        samples->add(ns);
        all.add(ns);
        if (label)
            *label += u" %1"_s.arg(double(ns) / 1e6, 0, 'f', 0);
        return true;
    };

    for (int round = 0; round < m_rounds; ++round) {
        for (const Word &word : std::as_const(m_words)) {
            Samples typing, erasing;
            QString typed, erased;
            for (const QChar c : word.text) {
                if (!keystroke(c.toLatin1(), &typing, &typed))
                    return false;
            }
            if (field->text() != word.text) {
                *error = u"the search field holds \"%1\", not \"%2\""_s.arg(field->text(), word.text);
                return false;
            }
            const int matches = model->matchingCount();
            if (word.expectedMatches >= 0 && matches != word.expectedMatches) {
                *error = u"searching \"%1\" matched %2 todos, expected %3"_s.arg(word.text).arg(matches).arg(word.expectedMatches);
                return false;
            }
            if (model->rowCount() > matches) {
                *error = u"searching \"%1\" shows %2 rows but matches %3"_s.arg(word.text).arg(model->rowCount()).arg(matches);
                return false;
            }
            for (qsizetype i = 0; i < word.text.size(); ++i) {
                if (!keystroke(Qt::Key_Backspace, &erasing, &erased))
                    return false;
            }
            if (!field->text().isEmpty() || model->matchingCount() != allRows) {
                *error = u"erasing the search did not bring back all %1 todos"_s.arg(allRows);
                return false;
            }
            if (round == 0) {
                details->append(u"  - \"%1\" (matches %2 of %3): typing, ms per key:%4; Backspace:%5"_s
                                    .arg(word.text)
                                    .arg(matches)
                                    .arg(allRows)
                                    .arg(typed, erased));
            }
        }
    }
    details->append(u"  - the key event had been handled (select and header counts done) after %1 (median), the list repainted after %2."_s
                        .arg(formatDuration(handled.median()), formatDuration(all.median())));
    measurements->append(Measurement::fromSamples(u"2. Search keystroke → list repainted (All)"_s, all,
                                                  Target{Target::Stat::P95, kKeystrokeTargetNs}));
    return true;
}
