#pragma once

#include <QWizardPage>

// What the import will do, and that nothing is deleted.
class WelcomePage : public QWizardPage
{
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);
};
