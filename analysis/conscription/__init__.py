"""Family 2: when would conscription of health personnel (beordring) become necessary?

An outbreak scenario lists the municipalities in acute staffing crisis (a CSV file with a
documented data contract, :mod:`.inputs`). From it the package derives the personnel they
need from outside (:mod:`.demand`), sets it against the supply of each escalation step
(:mod:`.supply`: register volunteers, temp agencies, the national response team, then
conscription under rule (a) and rule (b) of the directorate's draft regulation), runs the
escalation (:mod:`.escalation`), shares scarce personnel between municipalities by a
transparent priority score (:mod:`.allocation`), and repeats it all over the assumption
ranges and a sweep of outbreak severity (:mod:`.simulation`). :mod:`.model` ties the
pieces together; :mod:`.presentation` shapes the Norwegian report.

Sources: Helsedirektoratet's answer of 19.11.2020 to assignment 232
(``002_9a1be4480c834f32.txt``), sections 1–4 and the letters inside it; Statistics
Norway's figures on health personnel in reserve (2020) and county populations (2020).
"""
