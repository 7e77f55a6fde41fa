"""The one table of countries: names, demonyms, short forms and seats of government.

Two rules read it. ``briefing init`` recognises country mentions in any story
("the French", "UK", "Kyiv said") and folds them into one candidate per
country: news uses capitals for governments ("Moscow rejected"), so a seat
counts as a mention of its country (the author deletes the alias when it names
a place). Search and the mentions of an actor use a country's *synonym group*
(:func:`synonym_groups`): its name, demonyms and short forms, never its seats
("Washington" is also a surname) nor a demonym that is an everyday word
(``COMMON_WORD_DEMONYMS``: mentions are matched without case). Nothing here is
specific to one story.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.model.names.vocabulary import COMMON_WORD_DEMONYMS

# name | demonyms | short forms (other names, acronyms) | seats (capital, seat of government).
# One country a line: every UN member state. Capitals that are common words or first names
# ("Victoria", "Male") and cities shared with others ("Georgetown", "Kingston", "Nassau") are
# left out.
_TABLE = """
Afghanistan|Afghan||Kabul
Albania|Albanian||Tirana
Algeria|Algerian||Algiers
Andorra|Andorran||Andorra la Vella
Angola|Angolan||Luanda
Antigua and Barbuda|Antiguan|Antigua|
Argentina|Argentine,Argentinian||Buenos Aires
Armenia|Armenian||Yerevan
Australia|Australian||Canberra
Austria|Austrian||Vienna
Azerbaijan|Azerbaijani||Baku
Bahamas|Bahamian|The Bahamas|
Bahrain|Bahraini||Manama
Bangladesh|Bangladeshi||Dhaka
Barbados|Barbadian||Bridgetown
Belarus|Belarusian||Minsk
Belgium|Belgian||Brussels
Belize|Belizean||Belmopan
Benin|Beninese||Porto-Novo,Cotonou
Bhutan|Bhutanese||Thimphu
Bolivia|Bolivian||La Paz
Bosnia and Herzegovina|Bosnian|Bosnia|Sarajevo
Botswana|Botswanan||Gaborone
Brazil|Brazilian||Brasilia,Brasília
Brunei|Bruneian||Bandar Seri Begawan
Bulgaria|Bulgarian||Sofia
Burkina Faso|Burkinabe||Ouagadougou
Burundi|Burundian||Gitega,Bujumbura
Cabo Verde|Cape Verdean|Cape Verde|Praia
Cambodia|Cambodian||Phnom Penh
Cameroon|Cameroonian||Yaounde
Canada|Canadian||Ottawa
Central African Republic|Central African|CAR|Bangui
Chad|Chadian||N'Djamena
Chile|Chilean||Santiago
China|Chinese|PRC|Beijing
Colombia|Colombian||Bogota,Bogotá
Comoros|Comorian||Moroni
Costa Rica|Costa Rican||San Jose
Croatia|Croatian||Zagreb
Cuba|Cuban||Havana
Cyprus|Cypriot||Nicosia
Czech Republic|Czech|Czechia|Prague
Democratic Republic of the Congo|Congolese|DRC,DR Congo,Congo|Kinshasa
Denmark|Danish,Dane||Copenhagen
Djibouti|Djiboutian||
Dominica|||Roseau
Dominican Republic|Dominican||Santo Domingo
Ecuador|Ecuadorian||Quito
Egypt|Egyptian||Cairo
El Salvador|Salvadoran,Salvadorean||San Salvador
Equatorial Guinea|Equatoguinean||Malabo
Eritrea|Eritrean||Asmara
Estonia|Estonian||Tallinn
Eswatini|Swazi|Swaziland|Mbabane
Ethiopia|Ethiopian||Addis Ababa
Faroe Islands|Faroese||Torshavn
Fiji|Fijian||Suva
Finland|Finnish,Finn||Helsinki
France|French||Paris
Gabon|Gabonese||Libreville
Gambia|Gambian|The Gambia|Banjul
Georgia|Georgian||Tbilisi
Germany|German|Deutschland|Berlin
Ghana|Ghanaian||Accra
Greece|Greek||Athens
Greenland|Greenlandic||Nuuk
Grenada|Grenadian||
Guatemala|Guatemalan||
Guinea|Guinean||Conakry
Guinea-Bissau|Bissau-Guinean||Bissau
Guyana|Guyanese||
Haiti|Haitian||Port-au-Prince
Honduras|Honduran||Tegucigalpa
Hungary|Hungarian||Budapest
Iceland|Icelandic||Reykjavik
India|Indian||New Delhi
Indonesia|Indonesian||Jakarta
Iran|Iranian||Tehran
Iraq|Iraqi||Baghdad
Ireland|Irish|Republic of Ireland,Eire|Dublin
Israel|Israeli||Jerusalem
Italy|Italian||Rome
Ivory Coast|Ivorian|Cote d'Ivoire|Yamoussoukro
Jamaica|Jamaican||
Japan|Japanese||Tokyo
Jordan|Jordanian||Amman
Kazakhstan|Kazakh||Astana
Kenya|Kenyan||Nairobi
Kiribati|I-Kiribati||Tarawa
Kosovo|Kosovar||Pristina
Kuwait|Kuwaiti||
Kyrgyzstan|Kyrgyz|Kyrgyz Republic|Bishkek
Laos|Laotian,Lao||Vientiane
Latvia|Latvian||Riga
Lebanon|Lebanese||Beirut
Lesotho|Basotho||Maseru
Liberia|Liberian||Monrovia
Libya|Libyan||Tripoli
Liechtenstein|Liechtensteiner||Vaduz
Lithuania|Lithuanian||Vilnius
Luxembourg|Luxembourgish,Luxembourger||
Madagascar|Malagasy||Antananarivo
Malawi|Malawian||Lilongwe
Malaysia|Malaysian||Kuala Lumpur
Maldives|Maldivian||
Mali|Malian||Bamako
Malta|Maltese||Valletta
Marshall Islands|Marshallese||Majuro
Mauritania|Mauritanian||Nouakchott
Mauritius|Mauritian||Port Louis
Mexico|Mexican||Mexico City
Micronesia|Micronesian||Palikir
Moldova|Moldovan||Chisinau
Monaco|Monegasque||
Mongolia|Mongolian||Ulaanbaatar
Montenegro|Montenegrin||Podgorica
Morocco|Moroccan||Rabat
Mozambique|Mozambican||Maputo
Myanmar|Burmese|Burma|Naypyidaw
Namibia|Namibian||Windhoek
Nauru|Nauruan||
Nepal|Nepali,Nepalese||Kathmandu
Netherlands|Dutch|Holland,the Netherlands|Amsterdam,The Hague
New Zealand|New Zealander,Kiwi|NZ|Wellington
Nicaragua|Nicaraguan||Managua
Niger|Nigerien||Niamey
Nigeria|Nigerian||Abuja
North Korea|North Korean|DPRK|Pyongyang
North Macedonia|Macedonian|Macedonia|Skopje
Norway|Norwegian||Oslo
Oman|Omani||Muscat
Pakistan|Pakistani||Islamabad
Palau|Palauan||
Palestine|Palestinian||Ramallah
Panama|Panamanian||
Papua New Guinea|Papua New Guinean|PNG|Port Moresby
Paraguay|Paraguayan||Asuncion
Peru|Peruvian||Lima
Philippines|Filipino,Philippine||Manila
Poland|Polish,Pole||Warsaw
Portugal|Portuguese||Lisbon
Qatar|Qatari||Doha
Republic of the Congo||Congo-Brazzaville|Brazzaville
Romania|Romanian||Bucharest
Russia|Russian|Russian Federation|Moscow,Kremlin
Rwanda|Rwandan||Kigali
Saint Kitts and Nevis|Kittitian||Basseterre
Saint Lucia|Saint Lucian||Castries
Saint Vincent and the Grenadines|Vincentian||Kingstown
Samoa|Samoan||Apia
San Marino|Sammarinese||
Sao Tome and Principe|Santomean||São Tomé and Príncipe
Saudi Arabia|Saudi|KSA|Riyadh
Senegal|Senegalese||Dakar
Serbia|Serbian||Belgrade
Seychelles|Seychellois||
Sierra Leone|Sierra Leonean||Freetown
Singapore|Singaporean||
Slovakia|Slovak,Slovakian||Bratislava
Slovenia|Slovenian,Slovene||Ljubljana
Solomon Islands|Solomon Islander||Honiara
Somalia|Somali||Mogadishu
South Africa|South African||Pretoria
South Korea|South Korean,Korean|Korea,Republic of Korea,ROK|Seoul
South Sudan|South Sudanese||Juba
Spain|Spanish,Spaniard||Madrid
Sri Lanka|Sri Lankan||Colombo
Sudan|Sudanese||Khartoum
Suriname|Surinamese||Paramaribo
Sweden|Swedish,Swede||Stockholm
Switzerland|Swiss||Bern
Syria|Syrian||Damascus
Taiwan|Taiwanese||Taipei
Tajikistan|Tajik||Dushanbe
Tanzania|Tanzanian||Dodoma
Thailand|Thai||Bangkok
Timor-Leste|Timorese|East Timor|Dili
Togo|Togolese||Lomé
Tonga|Tongan||
Trinidad and Tobago|Trinidadian||Port of Spain
Tunisia|Tunisian||Tunis
Turkey|Turkish,Turk|Türkiye,Turkiye|Ankara
Turkmenistan|Turkmen||Ashgabat
Tuvalu|Tuvaluan||Funafuti
Uganda|Ugandan||Kampala
Ukraine|Ukrainian||Kyiv,Kiev
United Arab Emirates|Emirati|UAE,U.A.E.|Abu Dhabi
United Kingdom|British,Briton,Brit|UK,U.K.,Britain,Great Britain,Brits|London
United States|American|US,U.S.,USA,U.S.A.,America,United States of America|Washington
Uruguay|Uruguayan||Montevideo
Uzbekistan|Uzbek||Tashkent
Vanuatu|Ni-Vanuatu||Port Vila
Venezuela|Venezuelan||Caracas
Vietnam|Vietnamese||Hanoi
Yemen|Yemeni||Sanaa
Zambia|Zambian||Lusaka
Zimbabwe|Zimbabwean||Harare
"""

_REGIONS = """
Europe|European||
Africa|African||
Asia|Asian||
Middle East|Middle Eastern||
Latin America|Latin American||
Scandinavia|Scandinavian|Nordic|
Balkans|Balkan||
Baltic states|Baltic|Baltics|
Gulf states|Gulf||
Arab world|Arab||
"""


@dataclass(frozen=True, slots=True)
class Country:
    """One country (or region) and every name by which text may mention it."""

    name: str
    demonyms: tuple[str, ...]
    short_forms: tuple[str, ...]
    seats: tuple[str, ...]
    region: bool = False
    """A region or bloc ("Europe", "the Arab world"): its candidate is a group, not a country."""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form, the name first."""
        return (self.name, *self.demonyms, *self.short_forms, *self.seats)

    @property
    def synonyms(self) -> tuple[str, ...]:
        """The forms that name the country itself wherever they occur, the name first."""
        demonyms = (d for d in self.demonyms if d not in COMMON_WORD_DEMONYMS)
        return (self.name, *demonyms, *self.short_forms)


def _column(text: str) -> tuple[str, ...]:
    return tuple(part for part in text.split(",") if part)


def _parse() -> tuple[Country, ...]:
    countries = []
    lines = [(line, False) for line in _TABLE.strip().splitlines()]
    lines += [(line, True) for line in _REGIONS.strip().splitlines()]
    for line, region in lines:
        name, demonyms, short_forms, seats = line.split("|")
        countries.append(
            Country(name, _column(demonyms), _column(short_forms), _column(seats), region)
        )
    return tuple(countries)


COUNTRIES = _parse()

BY_FORM: dict[str, Country] = {}
"""Every form (and its plural demonym, 'Ukrainians') to its country; exact case."""
for _country in COUNTRIES:
    for _form in _country.forms:
        BY_FORM.setdefault(_form, _country)
    for _demonym in _country.demonyms:
        if not _demonym.endswith(("sh", "ch", "ese", "ss")):
            BY_FORM.setdefault(_demonym + "s", _country)


KINGDOMS = frozenset(
    {"Bahrain", "Belgium", "Bhutan", "Cambodia", "Denmark", "Eswatini", "Jordan", "Lesotho"}
    | {"Morocco", "Netherlands", "Norway", "Saudi Arabia", "Spain", "Sweden", "Thailand"}
    | {"Tonga", "United Kingdom"}
)
"""The countries that call themselves kingdoms: "the Kingdom" in their own copy."""


def country_of(form: str) -> Country | None:
    """The country a name, demonym, short form or capital refers to, if any."""
    return BY_FORM.get(form)


def synonym_groups() -> list[tuple[str, ...]]:
    """Each country's synonyms (:attr:`Country.synonyms`), regions left out: "European"
    would otherwise be a mention of Europe inside every "European Commission"."""
    return [country.synonyms for country in COUNTRIES if not country.region]
