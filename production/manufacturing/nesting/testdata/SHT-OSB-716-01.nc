%
(Production OS sheet program SHT-OSB-716-01)
(material SHT-OSB-716, sheet 96 x 48 x 7/16 in, 1 parts)
(machine cnc-1: CNC router, 4 x 8 ft bed, tool 1/4 in, 2 passes of at most 1/4 in, feed 250/60 in/min)
(sheet origin at X0.5 Y0.5 on the bed; Z0 = top of sheet)
(estimated run time 1 min)
G20 G90 G17 G94
G0 Z0.5
M3 S18000
G4 P3
(P008 sheathing: the whole sheet, no cut)
M5
G0 X0 Y0
M30
%
