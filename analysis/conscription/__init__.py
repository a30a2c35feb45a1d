"""Family 2: when would conscription of health personnel (beordring) become necessary?

An outbreak scenario lists the municipalities in acute staffing crisis (a CSV file with a
documented data contract, :mod:`.inputs`). From it the package derives the personnel they
need from outside, for tasks that need authorised health personnel and for tasks that do
not (:mod:`.demand`), sets it against the supply of each escalation step in the letter's
order (:mod:`.steps`, :mod:`.supply`: local and regional measures, the national response
team, the register nasjonalthelsepersonell.no, Helse Vest's agency agreements, economic
incentives, then conscription under rule (a) and rule (b) of the directorate's draft
regulation, for authorised tasks only), runs the escalation (:mod:`.escalation`), shares
scarce personnel between municipalities by eligibility and a transparent priority score
(:mod:`.allocation`), and repeats it all over the assumption ranges and a sweep of
outbreak severity (:mod:`.simulation`). :func:`.pipeline.analyse` computes everything the
report shows once; :mod:`.presentation` shapes the Norwegian report from its results.

Sources: Helsedirektoratet's letter to HOD of 19.11.2020 (ref. 20/42562-29), sections 1–4
and its appendices (among them the letter of 19.08.2020, ref. 20/27924-5); the letter to
the county governors of 04.01.2021 (ref. 21/227-1); Statistics Norway's figures on health
personnel in reserve (2020) and county populations (table 07459).
"""
