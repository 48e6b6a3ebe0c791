"""How people talk: paraphrase sets, run through the built-in conversation agent.

Each language has utterances written from how people speak, not from the
sentence files, and each must reach the right intent with the right slots.
Another set must not be taken: those sentences name other devices and keep
going to Home Assistant's own intents. A phrasing we decide not to support is
removed from the set with the reason in a comment, never skipped.

Two routines are set up, so that a sentence without a routine's name is
answered with a question and runs nothing; what counts here is the intent and
the slots the agent understood.
"""

from __future__ import annotations

import sys
from typing import Any

from homeassistant.components import conversation
from homeassistant.components.homeassistant.exposed_entities import async_expose_entity
from homeassistant.core import Context, HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import WebSocketGenerator

from ..conftest import FakePlug, setup_integration

type Phrase = tuple[str, str, dict[str, Any]]

PREFIX = "RecoveryRoutines"

# (what a person says, the intent without its prefix, the slots understood)
ENGLISH: list[Phrase] = [
    ("switch my heat pad on for 20 minutes", "StartHeat", {"minutes": 20}),
    ("heat pad on for 10 minutes", "StartHeat", {"minutes": 10}),
    ("turn on the heating pad for 20 minutes", "StartHeat", {"minutes": 20}),
    ("turn the heating pad on", "StartHeat", {}),
    ("heating pad on", "StartHeat", {}),
    ("start the heating pad", "StartHeat", {}),
    ("start heat", "StartHeat", {}),
    ("start my heat session", "StartHeat", {}),
    ("begin heat therapy", "StartHeat", {}),
    ("put the heat pack on", "StartHeat", {}),
    ("put the heat on for 15 minutes", "StartHeat", {"minutes": 15}),
    ("can you turn on my heating pad please", "StartHeat", {}),
    ("please switch on the heat pad", "StartHeat", {}),
    ("could you start the heat for 25 min", "StartHeat", {"minutes": 25}),
    ("heat my back", "StartHeat", {}),
    ("heat my lower back for 15 minutes", "StartHeat", {"minutes": 15}),
    ("warm up my back", "StartHeat", {}),
    ("i need some heat on my back", "StartHeat", {}),
    ("give me some heat on my back for 10 minutes", "StartHeat", {"minutes": 10}),
    ("start a 15 minute heat session", "StartHeat", {"minutes": 15}),
    ("do a 20 minute heat session", "StartHeat", {"minutes": 20}),
    ("20 minutes of heat", "StartHeat", {"minutes": 20}),
    ("heating pad for twenty minutes", "StartHeat", {"minutes": 20}),
    ("heat for 15 minutes", "StartHeat", {"minutes": 15}),
    ("turn on the heat pad for half an hour", "StartHeat", {"minutes": 30}),
    ("fire up the heating pad", "StartHeat", {}),
    ("get the heat going", "StartHeat", {}),
    ("i want the heating pad on", "StartHeat", {}),
    ("start heat for back care", "StartHeat", {"routine": "Back care"}),
    (
        "turn on the heating pad for neck care for 10 minutes",
        "StartHeat",
        {"routine": "Neck care", "minutes": 10},
    ),
    ("start the back care heat pad", "StartHeat", {"routine": "Back care"}),
    ("heat pad on for 5 mins", "StartHeat", {"minutes": 5}),
    ("turn my heat pad on for fifteen minutes", "StartHeat", {"minutes": 15}),
    ("start heating pad", "StartHeat", {}),
    ("put my heating pad on for 20 minutes please", "StartHeat", {"minutes": 20}),
    ("stop the heat", "StopHeat", {}),
    ("cancel heat", "StopHeat", {}),
    ("turn off the heating pad", "StopHeat", {}),
    ("turn the heat pad off", "StopHeat", {}),
    ("heat off", "StopHeat", {}),
    ("heating pad off please", "StopHeat", {}),
    ("switch off my heat pad", "StopHeat", {}),
    ("shut off the heat", "StopHeat", {}),
    ("end the heat session", "StopHeat", {}),
    ("kill the heat", "StopHeat", {}),
    ("stop heating", "StopHeat", {}),
    ("no more heat", "StopHeat", {}),
    ("enough heat", "StopHeat", {}),
    ("that's enough heat", "StopHeat", {}),
    ("i'm done with the heating pad", "StopHeat", {}),
    ("i'm done heating", "StopHeat", {}),
    ("take the heat pack off", "StopHeat", {}),
    ("cancel the heat session for neck care", "StopHeat", {"routine": "Neck care"}),
    ("i don't need the heating pad anymore", "StopHeat", {}),
    ("please turn the heat off", "StopHeat", {}),
    ("stop my heat therapy", "StopHeat", {}),
    ("how long is left on the heat", "HeatStatus", {}),
    ("how much longer is the heat on", "HeatStatus", {}),
    ("how many minutes left on the heat", "HeatStatus", {}),
    ("how much time is left on the heating pad", "HeatStatus", {}),
    ("how long is the heating pad still on", "HeatStatus", {}),
    ("how long will the heat pad be on for", "HeatStatus", {}),
    ("how long has the heat got left", "HeatStatus", {}),
    ("how long does the heat session have left", "HeatStatus", {}),
    ("when does my heat session finish", "HeatStatus", {}),
    ("when will the heating pad turn off", "HeatStatus", {}),
    ("when is the heat done", "HeatStatus", {}),
    ("when does the heat end", "HeatStatus", {}),
    ("when will the heat pad switch off", "HeatStatus", {}),
    ("how long until the heating pad turns off", "HeatStatus", {}),
    ("how long till the heat is done", "HeatStatus", {}),
    ("is the heating pad on", "HeatStatus", {}),
    ("is the heat still on", "HeatStatus", {}),
    ("is my heat pad running", "HeatStatus", {}),
    ("is the heating pad resting", "HeatStatus", {}),
    ("time left on the heat", "HeatStatus", {}),
    ("heat status", "HeatStatus", {}),
    ("what's the status of the heating pad", "HeatStatus", {}),
    ("how much heat is left", "HeatStatus", {}),
    ("when can i use the heating pad again", "HeatStatus", {}),
    ("can i use the heat pad again", "HeatStatus", {}),
    ("can i have heat now", "HeatStatus", {}),
    ("how long until i can use the heating pad again", "HeatStatus", {}),
    ("when will the heating pad be available again", "HeatStatus", {}),
    ("how many more minutes on the heat", "HeatStatus", {}),
    (
        "how long is left on the heat for back care",
        "HeatStatus",
        {"routine": "Back care"},
    ),
    ("is the heat on for neck care", "HeatStatus", {"routine": "Neck care"}),
    ("put on the cold pack", "StartColdPack", {}),
    ("ice my back", "StartColdPack", {}),
    ("start the cold pack", "StartColdPack", {}),
    ("start a cold pack for 15 minutes", "StartColdPack", {"minutes": 15}),
    ("put the ice pack on", "StartColdPack", {}),
    ("put an ice pack on my back", "StartColdPack", {}),
    ("ice pack on", "StartColdPack", {}),
    ("i'm putting the ice pack on", "StartColdPack", {}),
    ("i'm putting on a cold pack", "StartColdPack", {}),
    ("i just put the ice pack on", "StartColdPack", {}),
    ("i put the cold pack on my back", "StartColdPack", {}),
    ("start icing", "StartColdPack", {}),
    ("start a cold pack timer", "StartColdPack", {}),
    ("time my ice pack", "StartColdPack", {}),
    ("cold pack for 10 minutes", "StartColdPack", {"minutes": 10}),
    ("ice for 15 minutes", "StartColdPack", {"minutes": 15}),
    ("begin cold therapy", "StartColdPack", {}),
    ("i'm icing my back", "StartColdPack", {}),
    ("ice my lower back for ten minutes", "StartColdPack", {"minutes": 10}),
    ("apply the cold compress", "StartColdPack", {}),
    ("start the ice pack for neck care", "StartColdPack", {"routine": "Neck care"}),
    ("i need an ice pack", "StartColdPack", {}),
    ("remove the cold pack", "StopColdPack", {}),
    ("take off the ice pack", "StopColdPack", {}),
    ("take the ice pack off", "StopColdPack", {}),
    ("i took the cold pack off", "StopColdPack", {}),
    ("i removed the ice pack", "StopColdPack", {}),
    ("i've taken the ice pack off", "StopColdPack", {}),
    ("stop the cold pack", "StopColdPack", {}),
    ("cancel the ice pack timer", "StopColdPack", {}),
    ("ice pack off", "StopColdPack", {}),
    ("the cold pack is off", "StopColdPack", {}),
    ("i'm done icing", "StopColdPack", {}),
    ("i'm done with the ice pack", "StopColdPack", {}),
    ("stop icing", "StopColdPack", {}),
    ("end cold therapy", "StopColdPack", {}),
    ("remove the cold pack for back care", "StopColdPack", {"routine": "Back care"}),
    ("done with my stretches", "StretchesDone", {}),
    ("stretching done", "StretchesDone", {}),
    ("i did my stretches", "StretchesDone", {}),
    ("i've done my stretches", "StretchesDone", {}),
    ("i finished my stretches", "StretchesDone", {}),
    ("i have finished my stretching", "StretchesDone", {}),
    ("i stretched", "StretchesDone", {}),
    ("i just stretched", "StretchesDone", {}),
    ("i'm done stretching", "StretchesDone", {}),
    ("finished stretching", "StretchesDone", {}),
    ("stretches done", "StretchesDone", {}),
    ("my stretches are done", "StretchesDone", {}),
    ("log my stretches", "StretchesDone", {}),
    ("mark stretches as done", "StretchesDone", {}),
    ("mark my stretching complete", "StretchesDone", {}),
    ("tick off my stretches", "StretchesDone", {}),
    ("i completed my back exercises", "StretchesDone", {}),
    ("i did my exercises", "StretchesDone", {}),
    ("log that i stretched", "StretchesDone", {}),
    ("i'm finished with my stretches", "StretchesDone", {}),
    ("record my stretches for back care", "StretchesDone", {"routine": "Back care"}),
    ("stretches done for neck care", "StretchesDone", {"routine": "Neck care"}),
    ("delay the stretch reminder", "SnoozeReminder", {}),
    ("snooze the reminder", "SnoozeReminder", {}),
    ("snooze my stretch reminder for 10 minutes", "SnoozeReminder", {"minutes": 10}),
    ("postpone the reminder", "SnoozeReminder", {}),
    ("postpone stretching by 15 minutes", "SnoozeReminder", {"minutes": 15}),
    ("push the reminder back", "SnoozeReminder", {}),
    (
        "push back the stretch reminder by half an hour",
        "SnoozeReminder",
        {"minutes": 30},
    ),
    ("remind me later", "SnoozeReminder", {}),
    ("remind me in 20 minutes", "SnoozeReminder", {"minutes": 20}),
    ("remind me later to stretch", "SnoozeReminder", {}),
    ("remind me to stretch in ten minutes", "SnoozeReminder", {"minutes": 10}),
    ("remind me to do my stretches later", "SnoozeReminder", {}),
    ("i'll stretch later", "SnoozeReminder", {}),
    ("i'll do my stretches in an hour", "SnoozeReminder", {"minutes": 60}),
    ("snooze stretching", "SnoozeReminder", {}),
    ("put off my stretches", "SnoozeReminder", {}),
    ("snooze the reminder for neck care", "SnoozeReminder", {"routine": "Neck care"}),
    ("delay my reminder by 5 minutes", "SnoozeReminder", {"minutes": 5}),
    ("when do i need to stretch again", "NextReminder", {}),
    ("when is my next stretch", "NextReminder", {}),
    ("when's my next stretch", "NextReminder", {}),
    ("when is the next reminder", "NextReminder", {}),
    ("what time is my next stretch", "NextReminder", {}),
    ("when do i have to stretch next", "NextReminder", {}),
    ("when should i stretch again", "NextReminder", {}),
    ("when do i stretch next", "NextReminder", {}),
    ("how long until my next stretch", "NextReminder", {}),
    ("how long till i have to stretch again", "NextReminder", {}),
    ("when's the next stretch reminder", "NextReminder", {}),
    ("what time do i have to stretch", "NextReminder", {}),
    ("when do i have to do my stretches again", "NextReminder", {}),
    ("when is my next stretch for back care", "NextReminder", {"routine": "Back care"}),
    ("set the heating pad for 15 minutes", "StartHeat", {"minutes": 15}),
    ("heating pad 20 minutes", "StartHeat", {"minutes": 20}),
    ("turn the heat back on", "StartHeat", {}),
    ("start the heat pad again", "StartHeat", {}),
    ("can i get some heat", "StartHeat", {}),
    ("done with the heat", "StopHeat", {}),
    ("how long's left on the heating pad", "HeatStatus", {}),
    ("how much time do i have left on the heating pad", "HeatStatus", {}),
    ("what's the time left on the heat", "HeatStatus", {}),
    ("is the heat pad off", "HeatStatus", {}),
    ("when's the heat done", "HeatStatus", {}),
    ("how long have i got left on the heat", "HeatStatus", {}),
    ("i've got the ice pack on", "StartColdPack", {}),
    ("ice pack is on", "StartColdPack", {}),
    ("ice pack done", "StopColdPack", {}),
    ("i've finished with the ice pack", "StopColdPack", {}),
    ("done with the cold pack", "StopColdPack", {}),
    ("just finished stretching", "StretchesDone", {}),
    ("i've done my stretching for today", "StretchesDone", {}),
    ("i did my physio", "StretchesDone", {}),
    ("snooze stretches for 10 minutes", "SnoozeReminder", {"minutes": 10}),
    ("delay stretching 15 minutes", "SnoozeReminder", {"minutes": 15}),
    ("what time's my next stretch", "NextReminder", {}),
    ("when am i supposed to stretch", "NextReminder", {}),
    ("how long until i stretch again", "NextReminder", {}),
    # Guided routines (issue 12).
    (
        "start my heat and stretch routine",
        "StartGuidedRoutine",
        {"guided": "Heat and stretch"},
    ),
    ("start my evening routine", "StartGuidedRoutine", {"guided": "Heat and stretch"}),
    (
        "let's do the quick stretch routine",
        "StartGuidedRoutine",
        {"guided": "Quick stretch"},
    ),
    (
        "walk me through the ointment routine",
        "StartGuidedRoutine",
        {"guided": "Ointment then heat"},
    ),
    (
        "guide me through heat and stretch",
        "StartGuidedRoutine",
        {"guided": "Heat and stretch"},
    ),
    ("start the routine", "StartGuidedRoutine", {}),
    ("begin my back routine", "StartGuidedRoutine", {}),
    ("next", "NextStep", {}),
    ("next stretch", "NextStep", {}),
    ("skip this one", "NextStep", {}),
    ("move on", "NextStep", {}),
    ("go to the next step", "NextStep", {}),
    ("pause", "PauseRoutine", {}),
    ("hold on", "PauseRoutine", {}),
    ("pause the routine", "PauseRoutine", {}),
    ("resume", "PauseRoutine", {}),
    ("continue the routine", "PauseRoutine", {}),
    ("stop the routine", "StopRoutine", {}),
    ("cancel my routine", "StopRoutine", {}),
    ("that's enough stretching", "StopRoutine", {}),
    ("stop the quick stretch routine", "StopRoutine", {"guided": "Quick stretch"}),
    ("what's next", "WhatsNext", {}),
    ("what comes next", "WhatsNext", {}),
    ("what stretch am i on", "WhatsNext", {}),
    ("where am i in the routine", "WhatsNext", {}),
    # The recovery plan (issue 13).
    ("my back just went", "StartEpisode", {}),
    ("my back has gone again", "StartEpisode", {}),
    ("my lower back just gave out", "StartEpisode", {}),
    ("my back seized up", "StartEpisode", {}),
    ("i hurt my back", "StartEpisode", {}),
    ("i just tweaked my lower back", "StartEpisode", {}),
    ("i've put out my back again", "StartEpisode", {}),
    ("i threw out my back", "StartEpisode", {}),
    ("my back spasm started", "StartEpisode", {}),
    ("start a back pain episode", "StartEpisode", {}),
    ("i hurt my back yesterday", "StartEpisode", {"when": "yesterday"}),
    ("my back went this morning", "StartEpisode", {"when": "this_morning"}),
    ("my back went out last night", "StartEpisode", {"when": "last_night"}),
    (
        "i've tweaked my back again yesterday evening",
        "StartEpisode",
        {"when": "last_night"},
    ),
    ("my back spasm started this morning", "StartEpisode", {"when": "this_morning"}),
    ("yesterday my back gave out", "StartEpisode", {"when": "yesterday"}),
    ("start the recovery plan for neck care", "StartEpisode", {"routine": "Neck care"}),
    ("end my episode", "EndEpisode", {}),
    ("end the back pain episode", "EndEpisode", {}),
    ("stop the recovery plan", "EndEpisode", {}),
    ("my back is better now", "EndEpisode", {}),
    ("my back is fine again", "EndEpisode", {}),
    ("my back pain is a 4", "LogPain", {"level": 4}),
    ("my back pain is 7 out of 10", "LogPain", {"level": 7}),
    ("my pain is at 2 today", "LogPain", {"level": 2}),
    ("my back pain is a 0", "LogPain", {"level": 0}),
    ("my back is a 5 out of 10", "LogPain", {"level": 5}),
    ("my back hurts 6 out of ten today", "LogPain", {"level": 6}),
    ("log my back pain as 3", "LogPain", {"level": 3}),
    ("record pain at 8 out of 10", "LogPain", {"level": 8}),
    ("pain level 4", "LogPain", {"level": 4}),
    ("i'm at a 3 out of 10 today", "LogPain", {"level": 3}),
    (
        "my back pain is a 4 for neck care",
        "LogPain",
        {"level": 4, "routine": "Neck care"},
    ),
]

# Sentences about other things: none may reach a Recovery Routines intent.
ENGLISH_OTHERS: list[str] = [
    "play the next episode",
    "set the volume to 4",
    "my phone just died",
    "i hurt my knee",
    "my phone battery is at 4 percent",
    "end the call",
    "turn on the kitchen light",
    "how long is left on the dishwasher",
    "start the dishwasher routine",
    "stop the washing machine routine",
    "walk me through the dishwasher",
    "start the washing machine",
    "turn off the kitchen light",
    "turn on the heating",
    "set the heat to 70",
    "turn on the heat in the living room",
    "set the thermostat to 21 degrees",
    "what's the temperature in the kitchen",
    "start a timer for 10 minutes",
    "how much time is left on the timer",
    "cancel the timer",
    "set a timer for 20 minutes",
    "what time is it",
    "what's the weather",
    "snooze the alarm",
    "remind me to buy milk",
    "when is my next appointment",
    "i did the dishes",
    "put on some music",
    "turn on the tv for 20 minutes",
    "pause the music",
    "open the garage door",
    "turn off the fan",
    "is the dishwasher running",
    "when will the washing machine be done",
    "add ice to the shopping list",
    "turn off the ice maker",
    "is the oven on",
    "turn up the heat",
    "lock the front door",
    "what's on my calendar",
    "stop the music",
    "turn on the heated blanket",
    "set the heat to 70",
    "turn on the light for 10 minutes",
    "next track",
    "skip this song",
    "resume the music",
]

# The four languages with the largest communities after English.

GERMAN: list[Phrase] = [
    ("schalte das Heizkissen ein", "StartHeat", {}),
    ("mach das Heizkissen für 20 Minuten an", "StartHeat", {"minutes": 20}),
    ("Heizkissen an", "StartHeat", {}),
    ("Heizkissen für 15 Minuten an", "StartHeat", {"minutes": 15}),
    ("schalte mein Heizkissen für zehn Minuten ein", "StartHeat", {"minutes": 10}),
    ("starte die Wärmebehandlung", "StartHeat", {}),
    ("Wärme an", "StartHeat", {}),
    ("ich brauche Wärme", "StartHeat", {}),
    ("wärme meinen Rücken für eine halbe Stunde", "StartHeat", {"minutes": 30}),
    ("Heizkissen einschalten", "StartHeat", {}),
    ("mach das Heizkissen für Back care an", "StartHeat", {"routine": "Back care"}),
    ("schalte das Heizkissen aus", "StopHeat", {}),
    ("Heizkissen aus", "StopHeat", {}),
    ("mach die Wärme aus", "StopHeat", {}),
    ("stopp das Heizkissen", "StopHeat", {}),
    ("beende die Wärmebehandlung", "StopHeat", {}),
    ("genug Wärme", "StopHeat", {}),
    ("Heizkissen ausschalten", "StopHeat", {}),
    ("wie lange läuft das Heizkissen noch", "HeatStatus", {}),
    ("wie lange ist das Heizkissen noch an", "HeatStatus", {}),
    ("wie viele Minuten hat das Heizkissen noch", "HeatStatus", {}),
    ("wann geht das Heizkissen aus", "HeatStatus", {}),
    ("wann ist die Wärme fertig", "HeatStatus", {}),
    ("ist das Heizkissen an", "HeatStatus", {}),
    ("läuft das Heizkissen noch", "HeatStatus", {}),
    ("wann kann ich das Heizkissen wieder benutzen", "HeatStatus", {}),
    (
        "wie lange noch auf dem Heizkissen für Neck care",
        "HeatStatus",
        {"routine": "Neck care"},
    ),
    ("starte das Kühlpack", "StartColdPack", {}),
    ("ich lege das Kühlpack auf", "StartColdPack", {}),
    ("Kühlpack drauf", "StartColdPack", {}),
    ("Kühlpack für 15 Minuten", "StartColdPack", {"minutes": 15}),
    ("ich kühle meinen Rücken", "StartColdPack", {}),
    ("ich habe den Eisbeutel aufgelegt", "StartColdPack", {}),
    ("Kühlpack ab", "StopColdPack", {}),
    ("ich habe das Kühlpack abgenommen", "StopColdPack", {}),
    ("stopp den Kühlpack Timer", "StopColdPack", {}),
    ("das Kühlpack ist weg", "StopColdPack", {}),
    ("ich habe meine Dehnübungen gemacht", "StretchesDone", {}),
    ("Dehnübungen erledigt", "StretchesDone", {}),
    ("ich habe mich gedehnt", "StretchesDone", {}),
    ("ich bin mit dem Dehnen fertig", "StretchesDone", {}),
    ("markiere die Dehnübungen als erledigt", "StretchesDone", {}),
    ("Übungen gemacht", "StretchesDone", {}),
    ("erinnere mich später", "SnoozeReminder", {}),
    ("erinnere mich in 20 Minuten ans Dehnen", "SnoozeReminder", {"minutes": 20}),
    ("verschiebe die Erinnerung um 15 Minuten", "SnoozeReminder", {"minutes": 15}),
    ("Erinnerung verschieben", "SnoozeReminder", {}),
    ("ich dehne mich später", "SnoozeReminder", {}),
    ("wann ist meine nächste Dehnübung", "NextReminder", {}),
    ("wann muss ich mich wieder dehnen", "NextReminder", {}),
    ("wann kommt die nächste Erinnerung", "NextReminder", {}),
    ("um wie viel Uhr ist die nächste Dehnübung", "NextReminder", {}),
    ("wie lange noch bis zum nächsten Dehnen", "NextReminder", {}),
    # The recovery plan (issue 13).
    ("mein Rücken ist gerade blockiert", "StartEpisode", {}),
    ("ich hab mir den Rücken verrenkt", "StartEpisode", {}),
    ("ich habe mich schon wieder verhoben", "StartEpisode", {}),
    ("ich habe einen Hexenschuss", "StartEpisode", {}),
    (
        "starte den Genesungsplan für Neck care",
        "StartEpisode",
        {"routine": "Neck care"},
    ),
    ("beende die Episode", "EndEpisode", {}),
    ("meinem Rücken geht es wieder besser", "EndEpisode", {}),
    ("mein Rücken ist wieder in Ordnung", "EndEpisode", {}),
    ("meine Schmerzen liegen heute bei 4", "LogPain", {"level": 4}),
    ("Rückenschmerzen 6 von 10", "LogPain", {"level": 6}),
    ("Schmerzstufe 3", "LogPain", {"level": 3}),
    ("notiere meine Schmerzen mit 5", "LogPain", {"level": 5}),
    ("mein Rücken ist heute bei 2 von zehn", "LogPain", {"level": 2}),
]
GERMAN_OTHERS: list[str] = [
    "schalte das Licht in der Küche ein",
    "wie lange läuft die Spülmaschine noch",
    "starte die Waschmaschine",
    "schalte die Heizung ein",
    "stelle einen Timer für 10 Minuten",
    "wie spät ist es",
    "wie ist das Wetter",
    "schalte das Licht aus",
    "erinnere mich an den Einkauf",
    "mach die Musik aus",
    "spiele die nächste Folge",
    "stelle die Lautstärke auf 4",
    "mein Paket ist angekommen",
]

DUTCH: list[Phrase] = [
    ("zet het warmtekussen aan", "StartHeat", {}),
    ("zet het warmtekussen voor 20 minuten aan", "StartHeat", {"minutes": 20}),
    ("warmtekussen aan", "StartHeat", {}),
    ("doe de warmte aan", "StartHeat", {}),
    ("start het warmtekussen voor een kwartier", "StartHeat", {"minutes": 15}),
    ("warmtekussen aanzetten", "StartHeat", {}),
    ("ik heb warmte nodig", "StartHeat", {}),
    ("verwarm mijn rug voor tien minuten", "StartHeat", {"minutes": 10}),
    ("warmtekussen 25 minuten", "StartHeat", {"minutes": 25}),
    ("zet het warmtekussen aan voor Back care", "StartHeat", {"routine": "Back care"}),
    ("zet het warmtekussen uit", "StopHeat", {}),
    ("warmtekussen uit", "StopHeat", {}),
    ("stop de warmte", "StopHeat", {}),
    ("genoeg warmte", "StopHeat", {}),
    ("ik ben klaar met het warmtekussen", "StopHeat", {}),
    ("hoelang staat het warmtekussen nog aan", "HeatStatus", {}),
    ("hoe lang blijft de warmte nog aan", "HeatStatus", {}),
    ("hoeveel minuten heeft het warmtekussen nog", "HeatStatus", {}),
    ("wanneer gaat het warmtekussen uit", "HeatStatus", {}),
    ("wanneer is de warmte klaar", "HeatStatus", {}),
    ("staat het warmtekussen aan", "HeatStatus", {}),
    (
        "staat het warmtekussen nog aan voor Neck care",
        "HeatStatus",
        {"routine": "Neck care"},
    ),
    ("wanneer kan ik het warmtekussen weer gebruiken", "HeatStatus", {}),
    ("start het coldpack", "StartColdPack", {}),
    ("ik leg het ijspack op mijn rug", "StartColdPack", {}),
    ("coldpack erop", "StartColdPack", {}),
    ("coldpack voor 15 minuten", "StartColdPack", {"minutes": 15}),
    ("ik koel mijn rug", "StartColdPack", {}),
    ("ik heb het koelkussen opgelegd", "StartColdPack", {}),
    ("stop het coldpack", "StopColdPack", {}),
    ("ik heb het ijspack eraf gehaald", "StopColdPack", {}),
    ("coldpack is eraf", "StopColdPack", {}),
    ("ik ben klaar met koelen", "StopColdPack", {}),
    ("ik heb mijn rekoefeningen gedaan", "StretchesDone", {}),
    ("rekoefeningen klaar", "StretchesDone", {}),
    ("ik ben klaar met rekken", "StretchesDone", {}),
    ("oefeningen gedaan", "StretchesDone", {}),
    ("markeer de rekoefeningen als gedaan", "StretchesDone", {}),
    ("ik heb gerekt", "StretchesDone", {}),
    ("herinner me later", "SnoozeReminder", {}),
    ("herinner me over 20 minuten", "SnoozeReminder", {"minutes": 20}),
    ("stel de herinnering uit", "SnoozeReminder", {}),
    ("stel de herinnering 10 minuten uit", "SnoozeReminder", {"minutes": 10}),
    ("ik rek later", "SnoozeReminder", {}),
    ("wanneer is mijn volgende rekoefening", "NextReminder", {}),
    ("wanneer moet ik weer rekken", "NextReminder", {}),
    ("hoe laat is de volgende herinnering", "NextReminder", {}),
    ("hoelang nog tot de volgende rekoefening", "NextReminder", {}),
    # The recovery plan (issue 13).
    ("mijn rug zit op slot", "StartEpisode", {}),
    ("ik heb net mijn rug verrekt", "StartEpisode", {}),
    ("ik heb weer spit", "StartEpisode", {}),
    ("start het herstelplan voor Neck care", "StartEpisode", {"routine": "Neck care"}),
    ("beëindig de episode", "EndEpisode", {}),
    ("mijn rug is weer beter", "EndEpisode", {}),
    ("stop het herstelplan", "EndEpisode", {}),
    ("mijn rugpijn is een 4", "LogPain", {"level": 4}),
    ("mijn pijn is vandaag 6 uit 10", "LogPain", {"level": 6}),
    ("noteer mijn pijn als 3", "LogPain", {"level": 3}),
    ("pijnscore 5", "LogPain", {"level": 5}),
    ("ik zit vandaag op een 2 op tien", "LogPain", {"level": 2}),
]
DUTCH_OTHERS: list[str] = [
    "zet het licht in de keuken aan",
    "hoelang duurt de vaatwasser nog",
    "start de wasmachine",
    "zet de verwarming aan",
    "zet een timer voor 10 minuten",
    "hoe laat is het",
    "wat voor weer is het",
    "zet het licht uit",
    "speel de volgende aflevering",
    "zet het volume op 4",
    "mijn pakket is aangekomen",
]

FRENCH: list[Phrase] = [
    ("allume le coussin chauffant", "StartHeat", {}),
    ("allume le coussin chauffant pendant 20 minutes", "StartHeat", {"minutes": 20}),
    ("mets la chaleur pour 15 minutes", "StartHeat", {"minutes": 15}),
    ("lance le coussin chauffant", "StartHeat", {}),
    ("démarre une séance de chaleur d'une demi-heure", "StartHeat", {"minutes": 30}),
    ("coussin chauffant pendant dix minutes", "StartHeat", {"minutes": 10}),
    ("chauffe-moi le dos", "StartHeat", {}),
    ("j'ai besoin de chaleur", "StartHeat", {}),
    (
        "allume le coussin chauffant pour Back care",
        "StartHeat",
        {"routine": "Back care"},
    ),
    ("active la thermothérapie", "StartHeat", {}),
    ("éteins le coussin chauffant", "StopHeat", {}),
    ("arrête la chaleur", "StopHeat", {}),
    ("coupe le coussin chauffant", "StopHeat", {}),
    ("assez de chaleur", "StopHeat", {}),
    ("j'ai fini avec le coussin chauffant", "StopHeat", {}),
    ("combien de temps reste-t-il sur le coussin chauffant", "HeatStatus", {}),
    ("il reste combien de minutes pour la chaleur", "HeatStatus", {}),
    ("quand est-ce que le coussin chauffant s'éteint", "HeatStatus", {}),
    ("quand le coussin chauffant s'arrête", "HeatStatus", {}),
    ("est-ce que le coussin chauffant est allumé", "HeatStatus", {}),
    ("le coussin chauffant est allumé pour combien de temps", "HeatStatus", {}),
    ("quand est-ce que je peux réutiliser le coussin chauffant", "HeatStatus", {}),
    (
        "est-ce que le coussin chauffant pour Neck care est allumé",
        "HeatStatus",
        {"routine": "Neck care"},
    ),
    ("mets la poche de glace", "StartColdPack", {}),
    ("je pose la poche de froid sur mon dos", "StartColdPack", {}),
    ("lance la poche de froid pour 15 minutes", "StartColdPack", {"minutes": 15}),
    ("j'ai mis la glace sur mon dos", "StartColdPack", {}),
    ("glace-moi le dos", "StartColdPack", {}),
    ("enlève la poche de glace", "StopColdPack", {}),
    ("j'ai retiré la poche de froid", "StopColdPack", {}),
    ("arrête la poche de froid", "StopColdPack", {}),
    ("poche de glace enlevée", "StopColdPack", {}),
    ("j'ai fait mes étirements", "StretchesDone", {}),
    ("j'ai fini mes exercices", "StretchesDone", {}),
    ("je me suis étiré", "StretchesDone", {}),
    ("étirements faits", "StretchesDone", {}),
    ("note les étirements comme faits", "StretchesDone", {}),
    ("j'ai fini de m'étirer", "StretchesDone", {}),
    ("repousse le rappel", "SnoozeReminder", {}),
    ("rappelle-moi plus tard", "SnoozeReminder", {}),
    ("rappelle-moi dans 20 minutes de m'étirer", "SnoozeReminder", {"minutes": 20}),
    ("reporte le rappel de 15 minutes", "SnoozeReminder", {"minutes": 15}),
    ("je m'étirerai plus tard", "SnoozeReminder", {}),
    ("quand est mon prochain étirement", "NextReminder", {}),
    ("c'est quand le prochain rappel", "NextReminder", {}),
    ("quand est-ce que je dois m'étirer à nouveau", "NextReminder", {}),
    ("à quelle heure est le prochain étirement", "NextReminder", {}),
    ("dans combien de temps est le prochain étirement", "NextReminder", {}),
    # The recovery plan (issue 13).
    ("je me suis fait mal au dos", "StartEpisode", {}),
    ("je me suis encore bloqué le dos", "StartEpisode", {}),
    ("mon dos vient de lâcher", "StartEpisode", {}),
    ("j'ai un lumbago", "StartEpisode", {}),
    (
        "démarre le plan de récupération pour Neck care",
        "StartEpisode",
        {"routine": "Neck care"},
    ),
    ("termine l'épisode", "EndEpisode", {}),
    ("arrête le plan de récupération", "EndEpisode", {}),
    ("mon dos va mieux maintenant", "EndEpisode", {}),
    ("ma douleur est à 4", "LogPain", {"level": 4}),
    ("ma douleur au dos est de 6 sur 10", "LogPain", {"level": 6}),
    ("j'ai mal à 3 sur dix aujourd'hui", "LogPain", {"level": 3}),
    ("note ma douleur à 5", "LogPain", {"level": 5}),
    ("douleur 2 sur 10", "LogPain", {"level": 2}),
]
FRENCH_OTHERS: list[str] = [
    "allume la lumière de la cuisine",
    "combien de temps reste-t-il sur le lave-vaisselle",
    "démarre la machine à laver",
    "allume le chauffage",
    "mets un minuteur de 10 minutes",
    "quelle heure est-il",
    "quel temps fait-il",
    "éteins la lumière",
    "lance le prochain épisode",
    "mets le volume à 4",
    "j'ai faim",
]

SPANISH: list[Phrase] = [
    ("enciende la almohadilla térmica", "StartHeat", {}),
    ("enciende la almohadilla térmica por 20 minutos", "StartHeat", {"minutes": 20}),
    ("pon el calor durante 15 minutos", "StartHeat", {"minutes": 15}),
    ("prende la almohadilla eléctrica", "StartHeat", {}),
    ("almohadilla térmica por media hora", "StartHeat", {"minutes": 30}),
    ("necesito calor", "StartHeat", {}),
    ("caliéntame la espalda", "StartHeat", {}),
    ("inicia una sesión de calor de Back care", "StartHeat", {"routine": "Back care"}),
    ("activa la terapia de calor por diez minutos", "StartHeat", {"minutes": 10}),
    ("apaga la almohadilla térmica", "StopHeat", {}),
    ("para el calor", "StopHeat", {}),
    ("quita la almohadilla", "StopHeat", {}),
    ("basta de calor", "StopHeat", {}),
    ("ya terminé con la almohadilla térmica", "StopHeat", {}),
    ("cuánto tiempo le queda a la almohadilla térmica", "HeatStatus", {}),
    ("cuántos minutos quedan en el calor", "HeatStatus", {}),
    ("cuándo se apaga la almohadilla térmica", "HeatStatus", {}),
    ("a qué hora termina el calor", "HeatStatus", {}),
    ("está encendida la almohadilla térmica", "HeatStatus", {}),
    ("cuánto tiempo más va a estar la almohadilla encendida", "HeatStatus", {}),
    ("cuándo puedo volver a usar la almohadilla térmica", "HeatStatus", {}),
    (
        "sigue encendida la almohadilla de Neck care",
        "HeatStatus",
        {"routine": "Neck care"},
    ),
    ("pon la bolsa de hielo", "StartColdPack", {}),
    ("me pongo la bolsa de hielo en la espalda", "StartColdPack", {}),
    ("inicia la compresa fría por 15 minutos", "StartColdPack", {"minutes": 15}),
    ("me puse el hielo", "StartColdPack", {}),
    ("pon hielo en la espalda", "StartColdPack", {}),
    ("quita la bolsa de hielo", "StopColdPack", {}),
    ("me quité la compresa fría", "StopColdPack", {}),
    ("para el hielo", "StopColdPack", {}),
    ("ya terminé con el hielo", "StopColdPack", {}),
    ("ya hice mis estiramientos", "StretchesDone", {}),
    ("terminé los ejercicios", "StretchesDone", {}),
    ("me estiré", "StretchesDone", {}),
    ("estiramientos hechos", "StretchesDone", {}),
    ("marca los estiramientos como hechos", "StretchesDone", {}),
    ("ya terminé de estirar", "StretchesDone", {}),
    ("pospón el recordatorio", "SnoozeReminder", {}),
    ("recuérdamelo más tarde", "SnoozeReminder", {}),
    ("recuérdame en 20 minutos", "SnoozeReminder", {"minutes": 20}),
    ("aplaza el recordatorio 15 minutos", "SnoozeReminder", {"minutes": 15}),
    ("estiraré luego", "SnoozeReminder", {}),
    ("cuándo es mi próximo estiramiento", "NextReminder", {}),
    ("cuándo tengo que estirar otra vez", "NextReminder", {}),
    ("a qué hora es el próximo recordatorio", "NextReminder", {}),
    ("cuánto falta para el próximo estiramiento", "NextReminder", {}),
    # The recovery plan (issue 13).
    ("me he hecho daño en la espalda", "StartEpisode", {}),
    ("se me bloqueó la espalda", "StartEpisode", {}),
    ("tengo lumbago", "StartEpisode", {}),
    (
        "inicia el plan de recuperación para Neck care",
        "StartEpisode",
        {"routine": "Neck care"},
    ),
    ("termina el episodio", "EndEpisode", {}),
    ("ya tengo la espalda mejor", "EndEpisode", {}),
    ("finaliza el plan de recuperación", "EndEpisode", {}),
    ("mi dolor es un 4", "LogPain", {"level": 4}),
    ("mi dolor de espalda está en 6 de 10", "LogPain", {"level": 6}),
    ("anota mi dolor en 3", "LogPain", {"level": 3}),
    ("nivel de dolor 5", "LogPain", {"level": 5}),
    ("tengo un dolor de 2 sobre diez", "LogPain", {"level": 2}),
]
SPANISH_OTHERS: list[str] = [
    "enciende la luz de la cocina",
    "cuánto tiempo le queda al lavavajillas",
    "inicia la lavadora",
    "enciende la calefacción",
    "pon un temporizador de 10 minutos",
    "qué hora es",
    "qué tiempo hace",
    "apaga la luz",
    "pon el siguiente episodio",
    "pon el volumen a 4",
    "tengo hambre",
]

PARAPHRASES: dict[str, list[Phrase]] = {
    "en": ENGLISH,
    "de": GERMAN,
    "nl": DUTCH,
    "fr": FRENCH,
    "es": SPANISH,
}
OTHERS: dict[str, list[str]] = {
    "en": ENGLISH_OTHERS,
    "de": GERMAN_OTHERS,
    "nl": DUTCH_OTHERS,
    "fr": FRENCH_OTHERS,
    "es": SPANISH_OTHERS,
}


@pytest.fixture
async def two_routines(
    hass: HomeAssistant, plug: FakePlug, config_entry: MockConfigEntry
) -> None:
    """Back care on the heating pad, Neck care on a second pad, and other devices.

    The other devices are exposed to Assist, as a light or a smart plug is.
    """
    assert await async_setup_component(hass, "homeassistant", {})
    assert await async_setup_component(hass, "conversation", {})
    await setup_integration(hass, config_entry)
    others = ("kitchen_light", "dishwasher", "washing_machine")
    assert await async_setup_component(
        hass,
        "input_boolean",
        {
            "input_boolean": {
                "neck_pad": {"name": "Neck pad"},
                **{key: {"name": key.replace("_", " ").capitalize()} for key in others},
            }
        },
    )
    for key in others:
        async_expose_entity(hass, "conversation", f"input_boolean.{key}", True)
    neck = MockConfigEntry(
        domain="recovery_routines",
        title="Neck care",
        data={"name": "Neck care", "heat_switch": "input_boolean.neck_pad"},
    )
    await setup_integration(hass, neck)


async def _understood(
    hass: HomeAssistant, text: str, language: str
) -> tuple[str | None, dict[str, Any]]:
    """Say `text`; return the intent the agent ran and its slot values."""
    result = await conversation.async_converse(
        hass, text, None, Context(), language=language
    )
    await hass.async_block_till_done()
    understood = result.response.intent
    if understood is None:
        return None, {}
    slots = {
        name: int(slot["value"]) if name == "minutes" else slot["value"]
        for name, slot in understood.slots.items()
    }
    return understood.intent_type, slots


def _report(
    capsys: pytest.CaptureFixture[str], what: str, passed: int, total: int
) -> None:
    with capsys.disabled():
        sys.stdout.write(f"\n{what}: {passed}/{total} ({100 * passed / total:.0f}%)\n")


@pytest.mark.parametrize("language", sorted(PARAPHRASES))
@pytest.mark.usefixtures("two_routines")
async def test_paraphrases_are_understood(
    hass: HomeAssistant, language: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every paraphrase reaches its intent with its slots."""
    misses = []
    for text, intent_name, slots in PARAPHRASES[language]:
        understood = await _understood(hass, text, language)
        if understood != (PREFIX + intent_name, slots):
            misses.append(f"{text!r}: {understood}")
    phrases = PARAPHRASES[language]
    passed = len(phrases) - len(misses)
    _report(capsys, f"{language} paraphrases understood", passed, len(phrases))
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("language", sorted(OTHERS))
@pytest.mark.usefixtures("two_routines")
async def test_other_devices_are_not_taken(
    hass: HomeAssistant,
    hass_ws_client: WebSocketGenerator,
    language: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Sentences about other things never reach a Recovery Routines intent.

    The agent's debug view shows even a loose match with unknown names.
    """
    client = await hass_ws_client(hass)
    await client.send_json_auto_id(
        {
            "type": "conversation/agent/homeassistant/debug",
            "sentences": OTHERS[language],
            "language": language,
        }
    )
    debug = await client.receive_json()
    assert debug["success"]
    taken = []
    for text, match in zip(OTHERS[language], debug["result"]["results"], strict=True):
        ran, _ = await _understood(hass, text, language)
        loose = match["intent"]["name"] if match else None
        if any(name and name.startswith(PREFIX) for name in (ran, loose)):
            taken.append(f"{text!r}: {ran or loose}")
    others = OTHERS[language]
    passed = len(others) - len(taken)
    _report(capsys, f"{language} other sentences left alone", passed, len(others))
    assert not taken, "\n".join(taken)


@pytest.mark.usefixtures("two_routines")
async def test_other_devices_keep_their_built_in_intents(hass: HomeAssistant) -> None:
    """The issue's own examples: the light goes on through HassTurnOn."""
    intent_type, _ = await _understood(hass, "turn on the kitchen light", "en")
    assert intent_type == "HassTurnOn"
    assert hass.states.get("input_boolean.kitchen_light").state == "on"
