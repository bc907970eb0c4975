#pragma once

#include <QLabel>

// A one-line label that ends its text with "…" when it is too narrow for
// it, instead of asking its layout (and so the window) for the room; the
// whole text shows as its tooltip then. text() stays the whole text.
class ElidedLabel : public QLabel
{
    Q_OBJECT
public:
    explicit ElidedLabel(QWidget *parent = nullptr);

    QSize minimumSizeHint() const override;
    // Whether the text as shown is cut short.
    bool isElided() const;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;
};
