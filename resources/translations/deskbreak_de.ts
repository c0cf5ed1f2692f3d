<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de" sourcelanguage="en">
<context>
    <name>AboutWindow</name>
    <message>
        <source>Everything deskbreak knows stays on this computer: no network, no telemetry. Your history is a single SQLite file you can export, import or delete.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak suggests movement; it does not diagnose or treat anything. See a clinician for pain that is severe, getting worse or comes with other signs.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About deskbreak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version {version}. Free software under the MIT licence.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaks up long sitting with short upper-back mobility routines.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{title} folder: {path}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the {title} folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BreakHistory</name>
    <message>
        <source>reminder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>you</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No breaks logged yet. Your first reminder will come after your sit limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last {entries} entries · %n completed routine(s)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BreakNotes</name>
    <message>
        <source>later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next break at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too short to count; we&apos;ll remind you again at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BreakWindow</name>
    <message>
        <source>deskbreak — {routine}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckInChart</name>
    <message>
        <source>Upper-back stiffness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low-back pain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No check-ins yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly check-ins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days goal met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 = none, 10 = worst</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>days met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W{week}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CheckInDialog</name>
    <message>
        <source>How stiff has your upper back felt this week?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How much low-back pain have you had this week?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is for tracking your own trend over the weeks, not a diagnosis. If pain is severe, getting worse, or comes with numbness, weakness or other worrying signs, please see a clinician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Weekly check-in&lt;/b&gt; for {week}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not at all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as stiff as it gets</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stiffness</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>worst imaginable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Low-back pain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A note for yourself (optional):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. long drive at the weekend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save check-in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoachText</name>
    <message>
        <source>Lift and open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Turn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Squeeze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breathe out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seated</source>
        <translation>Im Sitzen</translation>
    </message>
    <message>
        <source>Standing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At a wall</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In a doorway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On the floor (needs space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left side</source>
        <translation>Linke Seite</translation>
    </message>
    <message>
        <source>Right side</source>
        <translation>Rechte Seite</translation>
    </message>
    <message>
        <source>Switch sides</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the left side</source>
        <translation>Zur linken Seite wechseln</translation>
    </message>
    <message>
        <source>Switch to the right side</source>
        <translation>Zur rechten Seite wechseln</translation>
    </message>
    <message>
        <source>Starting in {seconds}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same movement, other side</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>set {set} of {sets} next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>hold {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rep {rep} of {reps}</source>
        <translation>Wiederholung {rep} von {reps}</translation>
    </message>
    <message>
        <source>set {set} of {sets}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Get ready</source>
        <translation>Bereit machen</translation>
    </message>
    <message>
        <source>Release · rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest</source>
        <translation>Pause</translation>
    </message>
    <message>
        <source>{movement} · {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hold</source>
        <translation>Halten</translation>
    </message>
    <message>
        <source>of {reps}</source>
        <translation>von {reps}</translation>
    </message>
    <message numerus="yes">
        <source>second(s)</source>
        <translation>
            <numerusform>Sekunde</numerusform>
            <numerusform>Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>Exercise {number} of {count}</source>
        <translation>Übung {number} von {count}</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>noch {time}</translation>
    </message>
</context>
<context>
    <name>CountRing</name>
    <message>
        <source>Count</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dates</name>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jan</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Feb</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Apr</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Jul</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aug</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Oct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nov</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dec</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DaysField</name>
    <message>
        <source>Mon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thu</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fri</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sun</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Monday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Friday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DurationField</name>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Durations</name>
    <message>
        <source>under a minute</source>
        <translation>unter einer Minute</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n Min.</numerusform>
            <numerusform>%n Min.</numerusform>
        </translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation>{hours} Std. {minutes} Min.</translation>
    </message>
</context>
<context>
    <name>FeedbackRow</name>
    <message>
        <source>Too easy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too hard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The break felt too easy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The break felt about right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The break felt too hard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How did that feel?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Thanks, noted:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FigureWidget</name>
    <message>
        <source>Exercise figure</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>✓ but it hurt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>✕ stopped: it hurt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>– not reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the break window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min of upper-back movement. Go gently with what hurt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min of upper-back movement. Nice work.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min of movement, with some exercises left out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You got through {done} of {count} exercises.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes in {seconds} s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HeatmapWidget</name>
    <message>
        <source>Goal heatmap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Past {weeks} weeks: goal met on {met} of {working} working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Less</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Freeze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>waiting for an answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ended early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>skipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>snoozed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stepped away (counted as a break)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>ended early after {done} of %n step(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>completed (%n step(s) skipped)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryWindow</name>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sat for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak — Recent breaks</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HoursField</name>
    <message>
        <source>Any hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working hours start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>working hours end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HurtPage</name>
    <message>
        <source>See the summary</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HurtPanel</name>
    <message>
        <source>Leave this exercise out of future routines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carry on with the next exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call your local emergency number now if you have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This hurts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easier version, for next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the routine here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip the rest of this exercise and go on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped: {exercise}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Easier version: {easier}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave {exercise} out of your routines from now on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InfoWindows</name>
    <message>
        <source>No problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak — problems with your files</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <source>A break in a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish what you are doing; the reminder comes at {when}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No routine could be loaded; see Problems in the menu.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlayerPage</name>
    <message>
        <source>Upper-back extension</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upper-back rotation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Side bend</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shoulder blades</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Release</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rib breathing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Neck</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Progress through the routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start this exercise again, or go to the one before (←)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause or carry on (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next exercise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to the next exercise (→)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This hurts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop this exercise and get advice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop here (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Space to carry on</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgramMenu</name>
    <message>
        <source>Standard track</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gentle track (new to exercise, or a declared caution)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move on to the next stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the program from week 1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exercises left out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (not in use: the settings name a routine)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bring back {exercise}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgramService</name>
    <message numerus="yes">
        <source>{done} of %n break(s) today: goal met.</source>
        <translation>
            <numerusform>{done} von %n Pause heute: Ziel erreicht.</numerusform>
            <numerusform>{done} von %n Pausen heute: Ziel erreicht.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{done} of %n break(s) today.</source>
        <translation>
            <numerusform>{done} von %n Pause heute.</numerusform>
            <numerusform>{done} von %n Pausen heute.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProgramText</name>
    <message>
        <source>Program complete · keeping it up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week {week} of {weeks}</source>
        <translation>Woche {week} von {weeks}</translation>
    </message>
    <message>
        <source>Staying with easier routines until a break feels about right. The gentle track may suit you better.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Staying with easier routines until a break feels about right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent breaks felt easy. Move on to the next stage?</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Reminder</name>
    <message>
        <source>Start break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze {duration}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish what you are doing; the reminder comes at {time}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A break in a minute</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stand up and move for a couple of minutes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{routine} takes about {minutes} min.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You have been sitting for {duration}. {routine}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for an upper-back break</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewText</name>
    <message>
        <source>Week {week} · {span}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours} h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{hours} h {minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n break(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%n day(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as many breaks as last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{change} break(s) vs last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>about the same movement as last week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{change} min movement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>missed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>freeze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{score} of {goal} breaks, goal met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{score} of {goal} breaks, goal not met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{score} of {goal} breaks, missed, covered by a freeze</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today, {score} of {goal} breaks so far</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rest day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>day off, %n break(s) anyway</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>still to come</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>before your history began</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stiffness down {points} since the week before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stiffness up {points} since the week before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low-back pain down {points} since the week before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>low-back pain up {points} since the week before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, a change that matters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>goal met on {met} of {days} days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>goal met on {percent} % of working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{week}: stiffness {stiffness}, low-back pain {pain}, {goal}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <source>deskbreak — Weekly review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>← Previous week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Previous week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week →</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save as image…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the week card as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check in now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Weekly check-ins&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Streak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark as rest day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Current streak&lt;/b&gt;&lt;br&gt;{current}&lt;br&gt;&lt;br&gt;&lt;b&gt;Best streak&lt;/b&gt;&lt;br&gt;{best}&lt;br&gt;&lt;br&gt;&lt;b&gt;Freezes held&lt;/b&gt;&lt;br&gt;{freezes}&lt;br&gt;&lt;br&gt;&lt;b&gt;This week&lt;/b&gt;&lt;br&gt;{met} of {working} days met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;6-week program:&lt;/b&gt; {where}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No check-ins yet: the first one comes on {day}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unmark rest day on {day}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark {day} as rest day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only working days up to today can be rest days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} is now a rest day.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{day} is a working day again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the week as an image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the week card to {path}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the image to {path}. Check that the folder exists and that you can write to it, then try again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoutineChooser</name>
    <message>
        <source>↑ ↓ move  ·  Enter start  ·  F pin or unpin a favourite  ·  Esc close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pin as favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unpin favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak — Choose a routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Favourites come first. Today&apos;s pick is your program&apos;s suggestion.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard: {keys}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start {routine}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shortcut: F</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoutineDelegate</name>
    <message>
        <source>Today&apos;s pick</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoutineRows</name>
    <message>
        <source>{minutes} min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{minutes} minutes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>favourite</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today&apos;s pick</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SafetyNotice</name>
    <message>
        <source>Before you start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety and your choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I have a resistance band</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Adds light strength exercises that use a band to the routines on offer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent: call your local emergency number or go to an emergency department if you have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Urgent: see a doctor today, or call your local health advice line, if you have</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak — {title}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety information and your choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Page Up and Page Down scroll; Tab moves between choices.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep these choices and start using deskbreak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save these choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close without changing your choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How exercises should feel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the exercise straight away if you notice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop signs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>If something hurts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>See a doctor or physiotherapist if</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the upper back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Does any of this apply to you?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tick what applies and deskbreak adjusts its routines. You can change this at any time from the tray menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About: {choice}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Scale</name>
    <message>
        <source>{scale} {n} of 10</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 = {low}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>10 = {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{scale} answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer: not chosen yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your answer: &lt;b&gt;{n}&lt;/b&gt; of 10</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingHelp</name>
    <message>
        <source>How long you may sit before deskbreak reminds you to move. Values under a minute are only useful for trying deskbreak out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;Snooze&quot; postpones a reminder by this long.</source>
        <translation>„Verschieben“ schiebt eine Erinnerung um diese Zeit auf.</translation>
    </message>
    <message>
        <source>Being away from the keyboard and mouse this long counts as a break on its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which routine a break plays. &quot;program&quot;: the 6-week program picks one for each break, changing through the day and moving on over the weeks. Or always the same one: a built-in routine (upper-back-basics, quick-reset, standing-reset and more: `deskbreak routines list` shows them all) or the file name, without .toml, of one of your own in the routines folder next to this file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show desktop notifications when a break is due (the tray icon changes either way).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quiet notice a minute before the reminder, to finish what you are doing.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A reminder you have not answered comes again after the snooze length, up to this many times in all; then it is logged as unanswered and the sitting count starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play a short sound in the break window when the count starts, at each new exercise or side, and at the end. Silent where the system has no sound player; the window works without it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many breaks a working day needs to meet your goal. A break counts when its routine was completed, or ended after at least half of its steps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The days you work. Only these have a goal; other days neither break nor extend a streak. On other days nothing counts as sitting and nothing reminds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your working hours on working days, local time. Outside them nothing counts as sitting and nothing reminds; the count starts when they begin. &quot;always&quot; counts at any hour of the working days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also count time away from the desk (a natural break) toward the daily goal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask once a week how stiff your upper back and how sore your lower back have been, to follow the trend over the weeks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The day of the week the check-in is asked.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The time the check-in is asked. If deskbreak is not running then, it asks at the next start.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsWindow</name>
    <message>
        <source>Schedule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind after sitting for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snooze for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away this long is a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind at most</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaks and routines</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sounds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Play sound cues during a routine</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goals</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaks a day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Natural breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Count time away toward the goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weekly check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask how my back has been each week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notifications</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reminders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show a notification when a break is due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Heads-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A quiet notice a minute before</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> times</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Startup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {low} to {high} (under a minute: in config.toml).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From {low} to {high}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n h</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Start deskbreak when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting at login cannot be set up on this system.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak starts in the tray when you log in; turning it off removes what it added.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>For 10 minutes</source>
        <translation>Für 10 Minuten</translation>
    </message>
    <message>
        <source>For 15 minutes</source>
        <translation>Für 15 Minuten</translation>
    </message>
    <message>
        <source>For 30 minutes</source>
        <translation>Für 30 Minuten</translation>
    </message>
    <message>
        <source>For an hour</source>
        <translation>Für eine Stunde</translation>
    </message>
    <message>
        <source>Until tomorrow</source>
        <translation>Bis morgen</translation>
    </message>
    <message>
        <source>Until I resume</source>
        <translation>Bis ich fortsetze</translation>
    </message>
    <message>
        <source>Take a break now</source>
        <translation>Jetzt eine Pause machen</translation>
    </message>
    <message>
        <source>Choose a routine…</source>
        <translation>Übungsfolge wählen…</translation>
    </message>
    <message>
        <source>Snooze {duration}</source>
        <translation>Um {duration} verschieben</translation>
    </message>
    <message>
        <source>Snooze for</source>
        <translation>Verschieben</translation>
    </message>
    <message>
        <source>Skip this break</source>
        <translation>Diese Pause auslassen</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Weekly review…</source>
        <translation>Wochenrückblick…</translation>
    </message>
    <message>
        <source>Program</source>
        <translation>Programm</translation>
    </message>
    <message>
        <source>Recent breaks…</source>
        <translation>Letzte Pausen…</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Safety notice…</source>
        <translation>Sicherheitshinweis…</translation>
    </message>
    <message>
        <source>Problems with your files…</source>
        <translation>Probleme mit Ihren Dateien…</translation>
    </message>
    <message>
        <source>Welcome…</source>
        <translation>Willkommen…</translation>
    </message>
    <message>
        <source>About deskbreak…</source>
        <translation>Über deskbreak…</translation>
    </message>
    <message>
        <source>Quit deskbreak</source>
        <translation>deskbreak beenden</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) with your files…</source>
        <translation>
            <numerusform>%n Problem mit Ihren Dateien…</numerusform>
            <numerusform>%n Probleme mit Ihren Dateien…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TrayStatus</name>
    <message>
        <source>it waits until your call ends</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it waits until you leave fullscreen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it waits while do-not-disturb is on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>waiting ({reason})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away from the desk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sitting clock starts when you are back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enjoy it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside working hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No working days are set</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Counting starts {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until you resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sitting for {duration}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Break due; {waiting}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for a break! (reminded {count} times)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time for a break!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Snoozed until {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next break at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside working hours · back at {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused until {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused until you resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sitting {duration}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sitting} · break due; {waiting}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sitting} · break overdue (reminded {count} times)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sitting} · time for a break</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sitting} · break snoozed until {time}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{sitting} · break at {time}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeekCard</name>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Movement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Longest sitting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Natural</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week summary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{week} · goal: {goal} a working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{met} of {working} met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Week</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Current streak: &lt;b&gt;{current}&lt;/b&gt; · Best: &lt;b&gt;{best}&lt;/b&gt; · Freezes held: &lt;b&gt;{freezes}&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A freeze covered {day}, so the streak went on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No freeze used this week.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>goal met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{week}: {breaks}, goal met on {met} of {working} working days; {change}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <source>It notices long stretches of sitting from your keyboard and mouse and reminds you to move: a reminder waits while you are in a call, a window is fullscreen or do-not-disturb is on, and nothing counts outside your working hours.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A break is a short guided routine, two to five minutes, that moves the upper back: bending, turning and side-bending it, and working the shoulder blades. Moving it regularly may ease the stiffness long sitting brings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It keeps every break in a history on this computer only, so you can see your weeks and whether the habit holds. Meaningful change takes weeks of regular practice.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It does not diagnose or treat anything; the safety notice after this says when to see a clinician.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remind me after sitting for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I work on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Breaks a day I aim for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Welcome to deskbreak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the usual settings and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deskbreak lives in the system tray and helps you break up long sitting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What deskbreak does</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your working day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You can change all of this later under Settings in the tray menu.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start deskbreak when I log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save these and start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The next page</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
