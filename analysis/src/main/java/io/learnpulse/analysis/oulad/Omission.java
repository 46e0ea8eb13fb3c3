package io.learnpulse.analysis.oulad;

/** Why an OULAD row is not in the import's output; each is counted and reported. */
enum Omission {
    SUBMISSION_WITHOUT_SCORE("studentAssessment.csv",
            "submissions without a score: an assessment event needs one (docs/events.md)"),
    SUBMISSION_SCORE_OUT_OF_RANGE("studentAssessment.csv", "submissions with a score outside 0-100"),
    SUBMISSION_WITHOUT_DATE("studentAssessment.csv", "submissions without a date_submitted"),
    SUBMISSION_OF_UNKNOWN_ASSESSMENT("studentAssessment.csv",
            "submissions of an id_assessment that assessments.csv does not list"),
    ASSESSMENT_WITHOUT_DATE("assessments.csv",
            "assessments without a date (exams whose day OULAD does not give): not in the calendar"),
    REGISTRATION_WITHOUT_DATE("studentRegistration.csv",
            "registrations without a date_registration: no enrollment event (the learner's first"
                    + " event of the course enrolls them, docs/rules.md)"),
    ROW_OF_UNKNOWN_PRESENTATION("(any table)",
            "rows of a module presentation that courses.csv does not list"),
    CLICK_WITHOUT_DATE("studentVle*.csv", "click rows without a date"),
    RESULT_UNKNOWN("studentInfo.csv",
            "learners whose final_result is not Pass, Distinction, Fail or Withdrawn: no outcome");

    final String file;
    final String why;

    Omission(String file, String why) {
        this.file = file;
        this.why = why;
    }
}
