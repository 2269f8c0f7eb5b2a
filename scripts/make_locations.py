#!/usr/bin/env python3
"""Generate data/locations.tsv (places that are not countries) from the list below.

Written from general world knowledge (no external data set). Each entry line is
    name;kind;country-id;alias|alias
kind codes: c=city, r=region, s=state, k=continent, w=body-of-water.
country-id is an id from data/countries.tsv (empty for continents, seas, cross-border
or disputed regions).

Run:  python3 scripts/make_locations.py   (then scripts/make_countries.py --check)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "data")
KINDS = {"c": "city", "r": "region", "s": "state", "k": "continent", "w": "body-of-water"}

ENTRIES = """
# --- continents and world regions ---
Africa;k;;
Antarctica;k;;
Asia;k;;
Europe;k;;
North America;k;;
South America;k;;
Oceania;k;;
Australasia;r;;
Eurasia;r;;
Latin America;r;;
Central America;r;;
Caribbean;r;;
Middle East;r;;Mideast
Near East;r;;
Far East;r;;
East Asia;r;;
South Asia;r;;
Southeast Asia;r;;South-East Asia|South East Asia
Central Asia;r;;
Asia-Pacific;r;;Asia Pacific
Indo-Pacific;r;;
Western Europe;r;;
Eastern Europe;r;;
Central Europe;r;;
Northern Europe;r;;
Southern Europe;r;;
Balkans;r;;Balkan Peninsula|Western Balkans
Baltic states;r;;Baltics
Caucasus;r;;South Caucasus|North Caucasus|Transcaucasia
Scandinavia;r;;
Iberian Peninsula;r;;Iberia
British Isles;r;;
Gulf;r;;Gulf region
Levant;r;;
Maghreb;r;;
Sahel;r;;
Sahara;r;;Sahara Desert
Horn of Africa;r;;
Sub-Saharan Africa;r;;
North Africa;r;;
West Africa;r;;
East Africa;r;;
Southern Africa;r;;
Central Africa;r;;
Arabian Peninsula;r;;Arabia
Arctic;r;;
Anatolia;r;turkey;Asia Minor
Kurdistan;r;;
Patagonia;r;;
Andes;r;;Andes Mountains
Himalayas;r;;Himalaya
Alps;r;;
Amazon rainforest;r;;Amazonia
Borneo;r;;
New Guinea;r;;
Korean Peninsula;r;;
Punjab;r;;
Bengal;r;;
Kashmir;r;;
Golan Heights;r;;Golan
East Jerusalem;r;;
Western Sahara;r;;
Pacific Islands;r;;
Polynesia;r;;
Melanesia;r;;
Siberia;r;russia;
Urals;r;russia;Ural Mountains
# --- bodies of water ---
Atlantic Ocean;w;;Atlantic
Pacific Ocean;w;;Pacific
Indian Ocean;w;;
Arctic Ocean;w;;
Southern Ocean;w;;
Mediterranean Sea;w;;Mediterranean
Black Sea;w;;
Baltic Sea;w;;
North Sea;w;;
Red Sea;w;;
Caspian Sea;w;;
Dead Sea;w;;
Sea of Azov;w;;
Aegean Sea;w;;Aegean
Adriatic Sea;w;;Adriatic
Caribbean Sea;w;;
Arabian Sea;w;;
South China Sea;w;;
East China Sea;w;;
Sea of Japan;w;;East Sea
Yellow Sea;w;;
Sea of Okhotsk;w;;
Bering Sea;w;;
Barents Sea;w;;
Persian Gulf;w;;Arabian Gulf
Gulf of Mexico;w;;Gulf of America
Gulf of Aden;w;;
Gulf of Oman;w;;
Gulf of Guinea;w;;
Gulf of Finland;w;;
Strait of Hormuz;w;;
Strait of Malacca;w;;Malacca Strait
Strait of Gibraltar;w;;
Taiwan Strait;w;;Taiwan Straits
Kerch Strait;w;;
Bab el-Mandeb;w;;Bab al-Mandab
Bering Strait;w;;
Bosphorus;w;;Bosporus
Dardanelles;w;;
English Channel;w;;
Suez Canal;w;egypt;
Panama Canal;w;panama;
Nile;w;;River Nile|Nile River
Danube;w;;River Danube|Danube River
Rhine;w;;River Rhine|Rhine River
Volga;w;russia;Volga River
Dnieper;w;;Dnieper River|Dnipro River
Thames;w;united-kingdom;River Thames
Mississippi River;w;united-states;
Amazon River;w;;
Rio Grande;w;;
Yangtze;w;china;Yangtze River
Yellow River;w;china;
Mekong;w;;Mekong River
Ganges;w;;Ganges River
Indus;w;;Indus River
Euphrates;w;;Euphrates River
Tigris;w;;Tigris River
Jordan River;w;;River Jordan
Great Lakes;w;;
Lake Victoria;w;;
Lake Baikal;w;russia;
# --- US states and DC ---
Alabama;s;united-states;
Alaska;s;united-states;
Arizona;s;united-states;
Arkansas;s;united-states;
California;s;united-states;
Colorado;s;united-states;
Connecticut;s;united-states;
Delaware;s;united-states;
Florida;s;united-states;
Hawaii;s;united-states;
Idaho;s;united-states;
Illinois;s;united-states;
Indiana;s;united-states;
Iowa;s;united-states;
Kansas;s;united-states;
Kentucky;s;united-states;
Louisiana;s;united-states;
Maine;s;united-states;
Maryland;s;united-states;
Massachusetts;s;united-states;
Michigan;s;united-states;
Minnesota;s;united-states;
Mississippi;s;united-states;
Missouri;s;united-states;
Montana;s;united-states;
Nebraska;s;united-states;
Nevada;s;united-states;
New Hampshire;s;united-states;
New Jersey;s;united-states;
New Mexico;s;united-states;
New York State;s;united-states;
North Carolina;s;united-states;
North Dakota;s;united-states;
Ohio;s;united-states;
Oklahoma;s;united-states;
Oregon;s;united-states;
Pennsylvania;s;united-states;
Rhode Island;s;united-states;
South Carolina;s;united-states;
South Dakota;s;united-states;
Tennessee;s;united-states;
Texas;s;united-states;
Utah;s;united-states;
Vermont;s;united-states;
Virginia;s;united-states;
Washington State;s;united-states;
West Virginia;s;united-states;
Wisconsin;s;united-states;
Wyoming;s;united-states;
District of Columbia;s;united-states;
# US regions
Midwest;r;united-states;
New England;r;united-states;
Silicon Valley;r;united-states;
Hollywood;r;united-states;
San Francisco Bay Area;r;united-states;Bay Area
# --- Canada ---
Alberta;s;canada;
British Columbia;s;canada;
Manitoba;s;canada;
New Brunswick;s;canada;
Newfoundland and Labrador;s;canada;Newfoundland
Nova Scotia;s;canada;
Ontario;s;canada;
Prince Edward Island;s;canada;
Quebec;s;canada;Québec
Saskatchewan;s;canada;
Yukon;s;canada;
Northwest Territories;s;canada;
Nunavut;s;canada;
# --- Australia ---
New South Wales;s;australia;NSW
Victoria;s;australia;
Queensland;s;australia;
Western Australia;s;australia;
South Australia;s;australia;
Tasmania;s;australia;
Northern Territory;s;australia;
Australian Capital Territory;s;australia;
# --- UK constituent countries and regions ---
England;r;united-kingdom;
Scotland;r;united-kingdom;
Wales;r;united-kingdom;
Northern Ireland;r;united-kingdom;Ulster
# --- dependent territories ---
Greenland;r;denmark;
Faroe Islands;r;denmark;Faroes
Puerto Rico;r;united-states;
Guam;r;united-states;
United States Virgin Islands;r;united-states;U.S. Virgin Islands|US Virgin Islands
American Samoa;r;united-states;
Northern Mariana Islands;r;united-states;
Bermuda;r;united-kingdom;
Cayman Islands;r;united-kingdom;
British Virgin Islands;r;united-kingdom;
Falkland Islands;r;united-kingdom;Falklands|Malvinas
Gibraltar;r;united-kingdom;
Isle of Man;r;united-kingdom;
Jersey;r;united-kingdom;
Guernsey;r;united-kingdom;
Anguilla;r;united-kingdom;
Montserrat;r;united-kingdom;
Turks and Caicos Islands;r;united-kingdom;Turks and Caicos
Saint Helena;r;united-kingdom;St Helena|St. Helena
Pitcairn Islands;r;united-kingdom;
Chagos Islands;r;united-kingdom;Chagos Archipelago|British Indian Ocean Territory
Diego Garcia;r;united-kingdom;
Aruba;r;netherlands;
Curaçao;r;netherlands;
Sint Maarten;r;netherlands;
New Caledonia;r;france;
French Polynesia;r;france;Tahiti
Martinique;r;france;
Guadeloupe;r;france;
French Guiana;r;france;
Mayotte;r;france;
Cook Islands;r;new-zealand;
Niue;r;new-zealand;
Tokelau;r;new-zealand;
Hong Kong;r;china;
Macau;r;china;Macao
# --- Europe: regions ---
Bavaria;s;germany;Bayern
Saxony;s;germany;
Lower Saxony;s;germany;
Thuringia;s;germany;
Brandenburg;s;germany;
Hesse;s;germany;
North Rhine-Westphalia;s;germany;
Baden-Württemberg;s;germany;
Catalonia;r;spain;Catalunya
Basque Country;r;spain;
Andalusia;r;spain;
Galicia;r;spain;
Canary Islands;r;spain;Canaries
Balearic Islands;r;spain;
Mallorca;r;spain;Majorca
Ibiza;r;spain;
Ceuta;c;spain;
Melilla;c;spain;
Madeira;r;portugal;
Azores;r;portugal;
Algarve;r;portugal;
Sicily;r;italy;
Sardinia;r;italy;
Lombardy;r;italy;
Tuscany;r;italy;
Lampedusa;r;italy;
Normandy;r;france;
Brittany;r;france;
Corsica;r;france;
Provence;r;france;
Alsace;r;france;
French Riviera;r;france;Côte d'Azur
Flanders;r;belgium;
Wallonia;r;belgium;
Transylvania;r;romania;
Crete;r;greece;
Lesbos;r;greece;
Northern Cyprus;r;cyprus;
Republika Srpska;r;bosnia-and-herzegovina;
Transnistria;r;moldova;Trans-Dniester|Transdniestria
Abkhazia;r;georgia;
South Ossetia;r;georgia;
Nagorno-Karabakh;r;azerbaijan;Karabakh|Artsakh
Crimea;r;ukraine;Crimean Peninsula
Donbas;r;ukraine;Donbass
Chechnya;r;russia;Chechen Republic
Dagestan;r;russia;
Tatarstan;r;russia;
# --- Europe: cities ---
Aarhus;c;denmark;
Aberdeen;c;united-kingdom;
Antwerp;c;belgium;
Barcelona;c;spain;
Basel;c;switzerland;
Belfast;c;united-kingdom;
Bergen;c;norway;
Bilbao;c;spain;
Birmingham;c;united-kingdom;
Bologna;c;italy;
Bonn;c;germany;
Bordeaux;c;france;
Bremen;c;germany;
Brighton;c;united-kingdom;
Bristol;c;united-kingdom;
Brno;c;czech-republic;
Bruges;c;belgium;
Calais;c;france;
Cambridge;c;united-kingdom;
Cannes;c;france;
Canterbury;c;united-kingdom;
Cardiff;c;united-kingdom;
Cologne;c;germany;Köln
Cork;c;ireland;
Coventry;c;united-kingdom;
Davos;c;switzerland;
Dover;c;united-kingdom;
Dresden;c;germany;
Dubrovnik;c;croatia;
Dortmund;c;germany;
Düsseldorf;c;germany;
Edinburgh;c;united-kingdom;
Florence;c;italy;Firenze
Frankfurt;c;germany;Frankfurt am Main
Galway;c;ireland;
Gdańsk;c;poland;Danzig
Geneva;c;switzerland;Genève
Genoa;c;italy;Genova
Ghent;c;belgium;
Glasgow;c;united-kingdom;
Gothenburg;c;sweden;Göteborg
Granada;c;spain;
Graz;c;austria;
Hamburg;c;germany;
Hanover;c;germany;Hannover
Heidelberg;c;germany;
Innsbruck;c;austria;
Kraków;c;poland;Cracow
Lausanne;c;switzerland;
Leeds;c;united-kingdom;
Leicester;c;united-kingdom;
Leipzig;c;germany;
Liège;c;belgium;
Lille;c;france;
Limassol;c;cyprus;
Liverpool;c;united-kingdom;
Lyon;c;france;Lyons
Maastricht;c;netherlands;
Málaga;c;spain;
Malmö;c;sweden;
Manchester;c;united-kingdom;
Marseille;c;france;Marseilles
Milan;c;italy;Milano
Montpellier;c;france;
Munich;c;germany;München
Nantes;c;france;
Naples;c;italy;Napoli
Newcastle;c;united-kingdom;Newcastle upon Tyne
Nice;c;france;
Nottingham;c;united-kingdom;
Nuremberg;c;germany;Nürnberg
Oxford;c;united-kingdom;
Palermo;c;italy;
Palma;c;spain;Palma de Mallorca
Piraeus;c;greece;
Plovdiv;c;bulgaria;
Porto;c;portugal;Oporto
Potsdam;c;germany;
Poznań;c;poland;
Rotterdam;c;netherlands;
Salisbury;c;united-kingdom;
Salzburg;c;austria;
Seville;c;spain;Sevilla
Sheffield;c;united-kingdom;
Southampton;c;united-kingdom;
Srebrenica;c;bosnia-and-herzegovina;
Strasbourg;c;france;
Stuttgart;c;germany;
Thessaloniki;c;greece;Salonika
Toulouse;c;france;
Turin;c;italy;Torino
Utrecht;c;netherlands;
Valencia;c;spain;
Varna;c;bulgaria;
Venice;c;italy;Venezia
Verona;c;italy;
Versailles;c;france;
Wrocław;c;poland;Wroclaw|Breslau
York;c;united-kingdom;
Zaragoza;c;spain;
Zurich;c;switzerland;Zürich
Banja Luka;c;bosnia-and-herzegovina;
# --- Turkey ---
Istanbul;c;turkey;Constantinople|İstanbul
Izmir;c;turkey;İzmir|Smyrna
Antalya;c;turkey;
Bursa;c;turkey;
Adana;c;turkey;
Gaziantep;c;turkey;
Diyarbakır;c;turkey;
Incirlik;c;turkey;
# --- Russia ---
Saint Petersburg;c;russia;St. Petersburg|St Petersburg|Petrograd|Leningrad
Novosibirsk;c;russia;
Yekaterinburg;c;russia;Ekaterinburg
Kazan;c;russia;
Nizhny Novgorod;c;russia;
Chelyabinsk;c;russia;
Samara;c;russia;
Omsk;c;russia;
Rostov-on-Don;c;russia;Rostov
Ufa;c;russia;
Krasnoyarsk;c;russia;
Volgograd;c;russia;Stalingrad
Vladivostok;c;russia;
Murmansk;c;russia;
Sochi;c;russia;
Belgorod;c;russia;
Kursk;c;russia;
Bryansk;c;russia;
Kaliningrad;c;russia;Königsberg
Grozny;c;russia;
Novorossiysk;c;russia;
# --- Ukraine ---
Kharkiv;c;ukraine;Kharkov
Odesa;c;ukraine;Odessa
Dnipro;c;ukraine;Dnipropetrovsk
Lviv;c;ukraine;Lvov|Lemberg
Zaporizhzhia;c;ukraine;Zaporizhia|Zaporozhye
Mariupol;c;ukraine;
Kherson;c;ukraine;
Mykolaiv;c;ukraine;Nikolaev
Bakhmut;c;ukraine;Artemivsk
Avdiivka;c;ukraine;
Donetsk;c;ukraine;
Luhansk;c;ukraine;Lugansk
Kramatorsk;c;ukraine;
Sloviansk;c;ukraine;Slovyansk
Sumy;c;ukraine;
Chernihiv;c;ukraine;
Chernobyl;c;ukraine;Chornobyl
Bucha;c;ukraine;
Irpin;c;ukraine;
Melitopol;c;ukraine;
Sevastopol;c;ukraine;
Yalta;c;ukraine;
Pokrovsk;c;ukraine;
# --- Israel / Palestine / Levant ---
Tel Aviv;c;israel;Tel Aviv-Yafo
Haifa;c;israel;
Eilat;c;israel;
Nazareth;c;israel;
West Bank;r;palestine;
Gaza Strip;r;palestine;Gaza
Gaza City;c;palestine;
Hebron;c;palestine;
Jenin;c;palestine;
Nablus;c;palestine;
Bethlehem;c;palestine;
Rafah;c;palestine;
Khan Younis;c;palestine;Khan Yunis
Sidon;c;lebanon;
Bekaa Valley;r;lebanon;Bekaa
Aleppo;c;syria;
Homs;c;syria;
Idlib;c;syria;
Raqqa;c;syria;
Deir ez-Zor;c;syria;
Latakia;c;syria;
Daraa;c;syria;
Aqaba;c;jordan;
# --- Iraq, Iran, Gulf ---
Mosul;c;iraq;
Basra;c;iraq;
Erbil;c;iraq;Irbil
Kirkuk;c;iraq;
Fallujah;c;iraq;
Najaf;c;iraq;
Karbala;c;iraq;
Tikrit;c;iraq;
Iraqi Kurdistan;r;iraq;Kurdistan Region
Isfahan;c;iran;
Mashhad;c;iran;
Tabriz;c;iran;
Shiraz;c;iran;
Qom;c;iran;
Natanz;c;iran;
Bushehr;c;iran;
Jeddah;c;saudi-arabia;Jidda
Mecca;c;saudi-arabia;Makkah
Medina;c;saudi-arabia;
Dammam;c;saudi-arabia;
Dubai;c;united-arab-emirates;
Sharjah;c;united-arab-emirates;
Aden;c;yemen;
Hodeidah;c;yemen;Hudaydah
Marib;c;yemen;
# --- North Africa ---
Alexandria;c;egypt;
Giza;c;egypt;
Luxor;c;egypt;
Aswan;c;egypt;
Port Said;c;egypt;
Suez;c;egypt;
Sharm el-Sheikh;c;egypt;
Sinai;r;egypt;Sinai Peninsula
Benghazi;c;libya;
Misrata;c;libya;
Oran;c;algeria;
Casablanca;c;morocco;
Marrakesh;c;morocco;Marrakech
Tangier;c;morocco;
Fez;c;morocco;
# --- Sub-Saharan Africa ---
Lagos;c;nigeria;
Kano;c;nigeria;
Ibadan;c;nigeria;
Port Harcourt;c;nigeria;
Maiduguri;c;nigeria;
Kaduna;c;nigeria;
Kumasi;c;ghana;
Mombasa;c;kenya;
Kisumu;c;kenya;
Tigray;r;ethiopia;
Mekelle;c;ethiopia;
Somaliland;r;somalia;
Johannesburg;c;south-africa;Joburg
Durban;c;south-africa;
Soweto;c;south-africa;
Port Elizabeth;c;south-africa;Gqeberha
Goma;c;democratic-republic-of-the-congo;
Lubumbashi;c;democratic-republic-of-the-congo;
North Kivu;r;democratic-republic-of-the-congo;
Omdurman;c;sudan;
Darfur;r;sudan;
Port Sudan;c;sudan;
El Fasher;c;sudan;
Dar es Salaam;c;tanzania;
Zanzibar;r;tanzania;
Arusha;c;tanzania;
Abidjan;c;ivory-coast;
Douala;c;cameroon;
Cabo Delgado;r;mozambique;
# --- South Asia ---
Mumbai;c;india;Bombay
Delhi;c;india;
Kolkata;c;india;Calcutta
Chennai;c;india;Madras
Bengaluru;c;india;Bangalore
Hyderabad;c;india;
Ahmedabad;c;india;
Pune;c;india;Poona
Surat;c;india;
Jaipur;c;india;
Lucknow;c;india;
Kanpur;c;india;
Nagpur;c;india;
Indore;c;india;
Bhopal;c;india;
Patna;c;india;
Varanasi;c;india;Benares
Agra;c;india;
Amritsar;c;india;
Chandigarh;c;india;
Kochi;c;india;Cochin
Srinagar;c;india;
Goa;s;india;
Kerala;s;india;
Tamil Nadu;s;india;
Maharashtra;s;india;
Uttar Pradesh;s;india;
Bihar;s;india;
Gujarat;s;india;
Karnataka;s;india;
Rajasthan;s;india;
West Bengal;s;india;
Assam;s;india;
Manipur;s;india;
Andhra Pradesh;s;india;
Telangana;s;india;
Odisha;s;india;Orissa
Madhya Pradesh;s;india;
Ladakh;r;india;
Karachi;c;pakistan;
Lahore;c;pakistan;
Peshawar;c;pakistan;
Quetta;c;pakistan;
Rawalpindi;c;pakistan;
Faisalabad;c;pakistan;
Multan;c;pakistan;
Balochistan;r;pakistan;Baluchistan
Khyber Pakhtunkhwa;r;pakistan;
Sindh;r;pakistan;
Waziristan;r;pakistan;
Kandahar;c;afghanistan;
Herat;c;afghanistan;
Mazar-i-Sharif;c;afghanistan;
Jalalabad;c;afghanistan;
Kunduz;c;afghanistan;
Helmand;r;afghanistan;
Chittagong;c;bangladesh;Chattogram
Cox's Bazar;c;bangladesh;
# --- East and Southeast Asia ---
Shanghai;c;china;
Guangzhou;c;china;Canton
Shenzhen;c;china;
Tianjin;c;china;
Chongqing;c;china;
Chengdu;c;china;
Wuhan;c;china;
Xi'an;c;china;Xian
Nanjing;c;china;Nanking
Hangzhou;c;china;
Suzhou;c;china;
Qingdao;c;china;
Dalian;c;china;
Shenyang;c;china;
Harbin;c;china;
Kunming;c;china;
Xiamen;c;china;
Zhengzhou;c;china;
Changsha;c;china;
Hefei;c;china;
Jinan;c;china;
Ningbo;c;china;
Foshan;c;china;
Dongguan;c;china;
Fuzhou;c;china;
Nanning;c;china;
Ürümqi;c;china;Urumqi
Lhasa;c;china;
Guangdong;s;china;
Fujian;s;china;
Sichuan;s;china;
Yunnan;s;china;
Hubei;s;china;
Henan;s;china;
Zhejiang;s;china;
Jiangsu;s;china;
Shandong;s;china;
Hainan;s;china;
Inner Mongolia;r;china;
Manchuria;r;china;
Xinjiang;r;china;
Tibet;r;china;
Kaohsiung;c;taiwan;
Taichung;c;taiwan;
Tainan;c;taiwan;
Osaka;c;japan;
Kyoto;c;japan;
Yokohama;c;japan;
Nagoya;c;japan;
Sapporo;c;japan;
Kobe;c;japan;
Fukuoka;c;japan;
Hiroshima;c;japan;
Nagasaki;c;japan;
Sendai;c;japan;
Fukushima;c;japan;
Okinawa;r;japan;
Hokkaido;r;japan;
Busan;c;south-korea;Pusan
Incheon;c;south-korea;
Daegu;c;south-korea;
Gwangju;c;south-korea;
Jeju;r;south-korea;Jeju Island
Panmunjom;c;;
Kaesong;c;north-korea;
Yangon;c;myanmar;Rangoon
Mandalay;c;myanmar;
Rakhine;r;myanmar;
Chiang Mai;c;thailand;
Phuket;c;thailand;
Pattaya;c;thailand;
Ho Chi Minh City;c;vietnam;Saigon|HCMC
Da Nang;c;vietnam;
Haiphong;c;vietnam;
Siem Reap;c;cambodia;
Penang;r;malaysia;
Sabah;r;malaysia;
Sarawak;r;malaysia;
Johor;r;malaysia;
Surabaya;c;indonesia;
Bandung;c;indonesia;
Medan;c;indonesia;
Bali;r;indonesia;
Java;r;indonesia;
Sumatra;r;indonesia;
Aceh;r;indonesia;
Sulawesi;r;indonesia;
Papua;r;indonesia;
Quezon City;c;philippines;
Cebu;c;philippines;
Davao;c;philippines;
Mindanao;r;philippines;
Luzon;r;philippines;
Marawi;c;philippines;
Spratly Islands;r;;Spratlys
Paracel Islands;r;;Paracels
Senkaku Islands;r;;Senkakus|Diaoyu Islands
Almaty;c;kazakhstan;Alma-Ata
Samarkand;c;uzbekistan;
Batumi;c;georgia;
# --- Oceania ---
Sydney;c;australia;
Melbourne;c;australia;
Brisbane;c;australia;
Perth;c;australia;
Adelaide;c;australia;
Gold Coast;c;australia;
Hobart;c;australia;
Auckland;c;new-zealand;
Christchurch;c;new-zealand;
# --- North America: cities ---
New York City;c;united-states;New York|NYC|N.Y.C.
Los Angeles;c;united-states;L.A.
Chicago;c;united-states;
Houston;c;united-states;
Phoenix;c;united-states;
Philadelphia;c;united-states;
San Antonio;c;united-states;
San Diego;c;united-states;
Dallas;c;united-states;
Austin;c;united-states;
Jacksonville;c;united-states;
Fort Worth;c;united-states;
Columbus;c;united-states;
Charlotte;c;united-states;
San Francisco;c;united-states;
Indianapolis;c;united-states;
Seattle;c;united-states;
Denver;c;united-states;
Boston;c;united-states;
El Paso;c;united-states;
Nashville;c;united-states;
Detroit;c;united-states;
Oklahoma City;c;united-states;
Portland;c;united-states;
Las Vegas;c;united-states;
Memphis;c;united-states;
Louisville;c;united-states;
Baltimore;c;united-states;
Milwaukee;c;united-states;
Albuquerque;c;united-states;
Tucson;c;united-states;
Fresno;c;united-states;
Sacramento;c;united-states;
Kansas City;c;united-states;
Atlanta;c;united-states;
Miami;c;united-states;
Raleigh;c;united-states;
Omaha;c;united-states;
Minneapolis;c;united-states;
Tulsa;c;united-states;
Cleveland;c;united-states;
New Orleans;c;united-states;
Tampa;c;united-states;
Pittsburgh;c;united-states;
Cincinnati;c;united-states;
St. Louis;c;united-states;St Louis|Saint Louis
Orlando;c;united-states;
Honolulu;c;united-states;
Anchorage;c;united-states;
Salt Lake City;c;united-states;
Buffalo;c;united-states;
Newark;c;united-states;
Oakland;c;united-states;
Palo Alto;c;united-states;
Albany;c;united-states;
Tallahassee;c;united-states;
Richmond;c;united-states;
Charleston;c;united-states;
Savannah;c;united-states;
Harrisburg;c;united-states;
Dayton;c;united-states;
Palm Beach;c;united-states;
Mar-a-Lago;c;united-states;
San Juan;c;united-states;
Guantanamo Bay;r;cuba;Guantánamo Bay|Guantanamo
Toronto;c;canada;
Montreal;c;canada;Montréal
Vancouver;c;canada;
Calgary;c;canada;
Edmonton;c;canada;
Winnipeg;c;canada;
Quebec City;c;canada;
Halifax;c;canada;
Guadalajara;c;mexico;
Monterrey;c;mexico;
Tijuana;c;mexico;
Ciudad Juárez;c;mexico;Juárez|Juarez
Cancún;c;mexico;
Acapulco;c;mexico;
Puebla;c;mexico;
Culiacán;c;mexico;
Sinaloa;s;mexico;
Chihuahua;s;mexico;
Oaxaca;s;mexico;
Chiapas;s;mexico;
Michoacán;s;mexico;
Jalisco;s;mexico;
Tamaulipas;s;mexico;
Baja California;s;mexico;
Yucatán;s;mexico;Yucatan Peninsula
# --- South America ---
São Paulo;c;brazil;
Rio de Janeiro;c;brazil;Rio
Salvador;c;brazil;
Belo Horizonte;c;brazil;
Fortaleza;c;brazil;
Recife;c;brazil;
Porto Alegre;c;brazil;
Manaus;c;brazil;
Curitiba;c;brazil;
Córdoba;c;argentina;
Rosario;c;argentina;
Mendoza;c;argentina;
Valparaíso;c;chile;
Medellín;c;colombia;
Cali;c;colombia;
Cartagena;c;colombia;
Cusco;c;peru;Cuzco
Maracaibo;c;venezuela;
Guayaquil;c;ecuador;
Darién Gap;r;panama;
"""


def fold(s):
    import unicodedata
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


# Accent-stripped forms that are not added automatically (ordinary words / clashes).
NO_FOLD = set()

HEADER = """\
# locations.tsv - places that are NOT countries: continents, world regions, bodies of water,
# states/provinces, regions, dependent territories and well-known non-capital cities.
# GENERATED by scripts/make_locations.py (written from general world knowledge); do not edit by hand.
# Format: UTF-8, tab-separated, exactly 4 columns; lines starting with '#' are comments; rows sorted by name (byte order).
# name: the place name as news text writes it; unique.
# kind: one of city, region, state, continent, body-of-water.
# country: id from countries.tsv of the country it lies in (sovereign for dependent territories);
#   empty for continents, seas, cross-border or disputed regions.
# aliases: '|'-separated alternate names (accent-stripped variants included), possibly empty.
# No name or alias equals (case- and accent-insensitively) a country name/alias/demonym/capital/seat
# in countries.tsv or countries-extra.tsv; capital cities are therefore only in countries.tsv.
# Deliberately absent: the US state Georgia (= the country; use "Georgia" -> country),
# the US state Washington (listed as "Washington State"; "Washington" is the US capital),
# the state of New York (listed as "New York State"; "New York" is an alias of New York City).
# name\tkind\tcountry\taliases
"""


def main():
    rows = {}
    for line in ENTRIES.strip().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, kind, country, aliases = line.split(";")
        als = []
        for a in [name] + (aliases.split("|") if aliases else []):
            for v in (a, fold(a)):
                if v not in als and v not in NO_FOLD:
                    als.append(v)
        als = [a for a in als if a != name]
        if name in rows:
            print("ERROR: duplicate", name)
        rows[name] = [name, KINDS[kind], country, "|".join(als)]
    out = sorted(rows.values(), key=lambda r: r[0])
    with open(os.path.join(DATA, "locations.tsv"), "w", encoding="utf-8") as f:
        f.write(HEADER.replace("\\t", "\t"))
        for r in out:
            f.write("\t".join(r) + "\n")
    print(f"wrote {len(out)} rows to data/locations.tsv")


if __name__ == "__main__":
    main()
