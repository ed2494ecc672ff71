/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "Klijentela"

#include "config.h"

#include <glib/gi18n.h>

#include "kl-demo.h"

#include <stdio.h>
#include <string.h>

#include "kl-bulk.h"
#include "kl-company.h"
#include "kl-validation.h"

/*
 * Demo data: Croatian and Russian clients with everything a manager works
 * with. Every row goes through the stores, so it is validated and audited
 * like user input; only what a user cannot type (the past dates of the
 * deal stage history and of the records' creation) is set in SQL after the
 * store has written the row.
 *
 * Deterministic: two GRands with fixed seeds. One decides who the clients
 * are (names, tax IDs, addresses) and never depends on @today; the other
 * decides everything else.
 */

#define NAME_SEED     0x4b4c4e31u  /* "KLN1" */
#define BUSINESS_SEED 0x4b4c4231u  /* "KLB1" */

/* Sales plans: the last 12 months (with the current one) and 3 ahead. */
#define N_PLAN_MONTHS 15
#define PLAN_PAST     11

#define MAX_MANAGERS    5
#define MAX_PRODUCTS    32
#define MAX_COMPETITORS 8
#define MAX_DEALS       3
#define MAX_LINES       4
#define N_FUNNEL        5   /* lead … negotiation */
#define CLIENT_BATCH    500

/* Word lists */

typedef struct
{
  const char *name;
  int         postal;
  int         postal_span;
  const char *area;     /* phone area code */
  const char *region;   /* RU: first two digits of an INN */
  guint       weight;
} DemoCity;

static const DemoCity hr_cities[] = {
  { "Zagreb", 10000, 0, "1", NULL, 30 },
  { "Split", 21000, 0, "21", NULL, 10 },
  { "Rijeka", 51000, 0, "51", NULL, 8 },
  { "Osijek", 31000, 0, "31", NULL, 7 },
  { "Zadar", 23000, 0, "23", NULL, 5 },
  { "Pula", 52100, 0, "52", NULL, 4 },
  { "Varaždin", 42000, 0, "42", NULL, 4 },
  { "Čakovec", 40000, 0, "40", NULL, 3 },
  { "Šibenik", 22000, 0, "22", NULL, 3 },
  { "Dubrovnik", 20000, 0, "20", NULL, 3 },
  { "Slavonski Brod", 35000, 0, "35", NULL, 3 },
  { "Karlovac", 47000, 0, "47", NULL, 3 },
  { "Velika Gorica", 10410, 0, "1", NULL, 2 },
  { "Sisak", 44000, 0, "44", NULL, 2 },
  { "Vukovar", 32000, 0, "32", NULL, 2 },
  { "Koprivnica", 48000, 0, "48", NULL, 2 },
  { "Bjelovar", 43000, 0, "43", NULL, 2 },
  { "Vinkovci", 32100, 0, "32", NULL, 2 },
  { "Đakovo", 31400, 0, "31", NULL, 1 },
  { "Požega", 34000, 0, "34", NULL, 1 },
};

static const DemoCity ru_cities[] = {
  { "Москва", 101000, 28000, "495", "77", 25 },
  { "Санкт-Петербург", 190000, 9000, "812", "78", 12 },
  { "Казань", 420000, 140, "843", "16", 6 },
  { "Новосибирск", 630000, 130, "383", "54", 6 },
  { "Екатеринбург", 620000, 140, "343", "66", 6 },
  { "Нижний Новгород", 603000, 160, "831", "52", 5 },
  { "Самара", 443000, 120, "846", "63", 4 },
  { "Ростов-на-Дону", 344000, 110, "863", "61", 4 },
  { "Краснодар", 350000, 80, "861", "23", 5 },
  { "Йошкар-Ола", 424000, 30, "8362", "12", 2 },
  { "Челябинск", 454000, 140, "351", "74", 3 },
  { "Пермь", 614000, 110, "342", "59", 3 },
  { "Воронеж", 394000, 90, "473", "36", 3 },
  { "Уфа", 450000, 110, "347", "02", 3 },
  { "Калининград", 236000, 40, "4012", "39", 2 },
  { "Ярославль", 150000, 60, "4852", "76", 2 },
};

static const char * const hr_streets[] = {
  "Ilica", "Vukovarska ulica", "Ulica kralja Zvonimira", "Savska cesta", "Frankopanska ulica",
  "Ulica Ivana Gundulića", "Strossmayerova ulica", "Ulica Stjepana Radića", "Zagrebačka cesta",
  "Ulica Matije Gupca", "Ulica Petra Krešimira IV.", "Kačićeva ulica", "Ulica Ruđera Boškovića",
  "Obala kneza Domagoja", "Put Supavla", "Trg bana Josipa Jelačića", "Ulica Ljudevita Gaja",
  "Ulica hrvatskih branitelja", "Šetalište Ivana Meštrovića", "Ulica Đure Basaričeka",
  "Ulica Vladimira Nazora", "Ulica Ante Starčevića", "Industrijska ulica", "Ulica Žrtava fašizma",
  "Čakovečka ulica", "Ulica Braće Radić", "Radnička cesta", "Heinzelova ulica",
};

static const char * const ru_streets[] = {
  "ул. Ленина", "ул. Тверская", "Невский пр.", "ул. Баумана", "Красный пр.", "ул. Малышева",
  "ул. Большая Покровская", "ул. Куйбышева", "ул. Большая Садовая", "ул. Красная",
  "ул. Советская", "ул. Мира", "пр. Победы", "ул. Гагарина", "ул. Пушкина", "ул. Садовая",
  "ул. Комсомольская", "ул. Московская", "наб. реки Мойки", "ул. Заводская",
  "ул. Первомайская", "ул. Щорса", "ул. Чайковского", "Ленинский пр.", "ул. Ёлочная",
  "ул. Молодёжная", "ш. Энтузиастов", "ул. Кирова",
};

static const char * const hr_male[] = {
  "Ivan", "Marko", "Luka", "Josip", "Ante", "Tomislav", "Mario", "Stjepan", "Nikola", "Dario",
  "Krešimir", "Željko", "Zvonimir", "Đuro", "Šime", "Mate", "Ivica", "Goran", "Hrvoje", "Damir",
  "Davor", "Igor", "Boris", "Zoran", "Dražen", "Matija", "Filip", "Karlo", "Vjekoslav",
  "Božidar", "Dinko", "Franjo", "Petar", "Slavko", "Ljubomir",
};

static const char * const hr_female[] = {
  "Ivana", "Ana", "Marija", "Petra", "Maja", "Katarina", "Martina", "Jelena", "Lucija",
  "Mirjana", "Snježana", "Željka", "Đurđica", "Blaženka", "Dubravka", "Gordana", "Ljiljana",
  "Vesna", "Nataša", "Tihana", "Sanja", "Iva", "Lana", "Nives", "Božena", "Mateja", "Kristina",
  "Antonija", "Helena", "Šimica",
};

static const char * const hr_surnames[] = {
  "Horvat", "Kovačević", "Babić", "Marić", "Jurić", "Novak", "Kovačić", "Knežević", "Vuković",
  "Marković", "Petrović", "Matić", "Tomić", "Pavlović", "Kovač", "Božić", "Blažević", "Grgić",
  "Pavić", "Radić", "Perić", "Šarić", "Lovrić", "Vidović", "Perković", "Popović", "Bošnjak",
  "Jukić", "Barišić", "Mikulić", "Đurić", "Čović", "Ćosić", "Šimić", "Živković", "Žganec",
  "Lončar", "Posavec", "Klarić", "Filipović", "Brkić", "Đaković", "Šušnjar", "Čačić",
  "Pranjić", "Mlinarić", "Bašić", "Galić", "Rukavina", "Vrdoljak", "Ožegović", "Ćurković",
};

static const char * const ru_male[] = {
  "Алексей", "Андрей", "Дмитрий", "Сергей", "Иван", "Михаил", "Николай", "Павел", "Пётр",
  "Артём", "Фёдор", "Юрий", "Евгений", "Владимир", "Константин", "Максим", "Олег", "Роман",
  "Семён", "Григорий", "Илья", "Кирилл", "Тимофей", "Матвей", "Глеб", "Виктор",
};

static const char * const ru_female[] = {
  "Анна", "Мария", "Елена", "Ольга", "Татьяна", "Наталья", "Ирина", "Светлана", "Екатерина",
  "Юлия", "Дарья", "Алёна", "Ксения", "Людмила", "Софья", "Полина", "Вера", "Надежда",
  "Галина", "Майя", "Зоя", "Фёкла",
};

/* Patronymics: male and female forms. */
static const char * const ru_patronymics[][2] = {
  { "Алексеевич", "Алексеевна" }, { "Андреевич", "Андреевна" }, { "Дмитриевич", "Дмитриевна" },
  { "Сергеевич", "Сергеевна" }, { "Иванович", "Ивановна" }, { "Михайлович", "Михайловна" },
  { "Николаевич", "Николаевна" }, { "Павлович", "Павловна" }, { "Петрович", "Петровна" },
  { "Юрьевич", "Юрьевна" }, { "Викторович", "Викторовна" }, { "Владимирович", "Владимировна" },
  { "Фёдорович", "Фёдоровна" }, { "Григорьевич", "Григорьевна" }, { "Семёнович", "Семёновна" },
  { "Артёмович", "Артёмовна" },
};

/* Male forms; the female form is derived. */
static const char * const ru_surnames[] = {
  "Смирнов", "Иванов", "Кузнецов", "Соколов", "Попов", "Лебедев", "Козлов", "Новиков",
  "Морозов", "Петров", "Волков", "Соловьёв", "Васильев", "Зайцев", "Павлов", "Семёнов",
  "Голубев", "Виноградов", "Богданов", "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов",
  "Белов", "Комаров", "Орлов", "Киселёв", "Макаров", "Андреев", "Ковалёв", "Ильин", "Гусев",
  "Титов", "Кузьмин", "Кудрявцев", "Баранов", "Куликов", "Алексеев", "Степанов", "Ёлкин",
  "Журавлёв", "Королёв", "Щербаков", "Майоров", "Чайковский", "Раевский", "Толстой", "Йонов",
};

static const char * const hr_roots[] = {
  "Jadran", "Kvarner", "Dalmacija", "Panonija", "Zagorje", "Lika", "Slavonija", "Istra",
  "Velebit", "Sava", "Drava", "Kupa", "Neretva", "Učka", "Mosor", "Biokovo", "Sljeme",
  "Žumberak", "Krk", "Brač", "Hvar", "Vis", "Mljet", "Murter", "Pag", "Čiovo", "Šolta",
  "Ćićarija", "Papuk", "Psunj", "Medvednica", "Kordun", "Moslavina", "Podravina", "Posavina",
  "Baranja", "Cetina", "Krka", "Zrmanja", "Mura", "Dubrava", "Lovor", "Maslina", "Bura", "Jugo",
  "Galeb", "Dupin", "Sokol", "Orao", "Ris", "Lipa", "Hrast", "Bor", "Smokva", "Lavanda",
  "Kadulja", "Ružmarin", "Klas", "Sunce", "Zvijezda", "Sidro", "Jedro", "Obala", "Kamen",
  "Đurđevac", "Tramontana", "Maestral", "Lastavica", "Vinodol", "Zlatna ribica",
};

static const char * const hr_activities[] = {
  "Trade", "Commerce", "Grupa", "Gradnja", "Promet", "Elektro", "Agro", "Logistika",
  "Transport", "Inženjering", "Servis", "Prehrana", "Tekstil", "Farm", "Consulting",
  "Informatika", "Energija", "Metal", "Plast", "Drvo", "Turist", "Nekretnine", "Mljekara",
  "Pekarna", "Tiskara", "Vinarija", "Uljara", "Brodogradnja", "Auto", "Medical", "Soft",
  "Sustavi", "Tehnika", "Zaštita", "Dizajn", "Mlin", "Oprema", "Čistoća", "Staklo", "Keramika",
};

static const char * const hr_syllables1[] = {
  "Pod", "Kra", "Dal", "Zag", "Lik", "Vin", "Lur", "Plo", "Ist", "Med", "Ved", "Kon", "Tem",
  "Mon", "Dra", "Sla", "Pan", "Kor", "Bel", "Riv", "Sol", "Mar", "Tri", "Nov", "Žit",
};

static const char * const hr_syllables2[] = { "ra", "vi", "ko", "la", "do", "me", "ri", "no", "", "ša" };

static const char * const hr_syllables3[] = {
  "vka", "ka", "ta", "tex", "pro", "ing", "kom", "plast", "mlin", "dukt", "vita", "line", "ex",
  "ar", "on", "em", "čanka", "rad",
};

static const char * const hr_crafts[] = {
  "Stolarija", "Autoservis", "Frizerski salon", "Bravarija", "Vodoinstalacije",
  "Elektroinstalacije", "Pekarnica", "Limarija", "Kamenoklesarstvo", "Krojačnica", "Zlatarna",
  "Soboslikarstvo", "Cvjećarnica", "Računovodstveni servis", "Prijevoz",
};

static const char * const ru_roots[] = {
  "Ромашка", "Вектор", "Альфа", "Восток", "Север", "Сибирь", "Урал", "Волга", "Кама", "Енисей",
  "Байкал", "Алтай", "Прогресс", "Импульс", "Горизонт", "Меридиан", "Гранит", "Кристалл",
  "Рассвет", "Заря", "Берёзка", "Ёлочка", "Сокол", "Орбита", "Спектр", "Феникс", "Аврора",
  "Радуга", "Надежда", "Весна", "Созвездие", "Магистраль", "Держава", "Пульс", "Вершина",
  "Маяк", "Терем", "Самоцвет", "Янтарь", "Малахит", "Дельта", "Омега", "Эталон", "Титан",
  "Арсенал", "Гармония", "Лидер", "Союз", "Олимп", "Йота", "Ладога", "Онега", "Тайга",
};

static const char * const ru_prefixes[] = { "", "", "", "", "НПО ", "ТД ", "ПКФ ", "СК ", "ТК ", "ГК " };

static const char * const ru_modifiers[] = {
  "", "", "", "", " Плюс", "-М", " Про", "-Регион", "-Юг", "-Центр", "-Сибирь", "-2000", " Инвест",
};

static const char * const ru_suffixes[] = {
  "Строй", "Трейд", "Логистик", "Пром", "Снаб", "Сервис", "Тех", "Энерго", "Агро", "Маш",
  "Хим", "Нефть", "Сталь", "Лес", "Мед", "Фарм", "Инвест", "Софт", "Транс", "Опт", "Маркет",
  "Групп", "Холдинг", "Продукт", "Развитие", "Комплект",
};

/* Job titles: { male, female } (Russian ones are the same for both). */
static const char * const hr_positions[4][3][2] = {
  /* decision maker */
  { { "direktor", "direktorica" }, { "direktor nabave", "direktorica nabave" },
    { "član uprave", "članica uprave" } },
  /* influencer */
  { { "voditelj nabave", "voditeljica nabave" }, { "financijski direktor", "financijska direktorica" },
    { "voditelj prodaje", "voditeljica prodaje" } },
  /* evaluator */
  { { "tehnički direktor", "tehnička direktorica" }, { "voditelj IT-a", "voditeljica IT-a" },
    { "voditelj kvalitete", "voditeljica kvalitete" } },
  /* user */
  { { "referent nabave", "referentica nabave" }, { "voditelj računovodstva", "voditeljica računovodstva" },
    { "administrator sustava", "administratorica sustava" } },
};

static const char * const ru_positions[4][3] = {
  { "генеральный директор", "директор по закупкам", "коммерческий директор" },
  { "начальник отдела снабжения", "финансовый директор", "заместитель директора" },
  { "технический директор", "руководитель ИТ-отдела", "главный инженер" },
  { "менеджер по закупкам", "главный бухгалтер", "системный администратор" },
};

static const char * const hr_next_actions[] = {
  "Nazvati i dogovoriti prezentaciju", "Poslati doradu ponude", "Sastanak s upravom",
  "Podsjetiti na dospjeli račun", "Pitati za preporuku", "Poslati novi katalog",
  "Dogovoriti obnovu ugovora",
};

static const char * const ru_next_actions[] = {
  "Позвонить и договориться о презентации", "Отправить доработанное КП", "Встреча с руководством",
  "Напомнить о просроченном счёте", "Попросить рекомендацию", "Отправить новый каталог",
  "Договориться о продлении договора",
};

static const char * const hr_notes[] = {
  "Preferira komunikaciju e-poštom.", "Odluke donosi uprava u Zagrebu.",
  "Plaća uredno, ali uvijek zadnji dan.", "Voli kavu ☕ – ne zvati prije 9 h.",
  "Traži ponude s „fiksnom” cijenom na godinu dana.", "Sezonski posao: lipanj–rujan.",
};

static const char * const ru_notes[] = {
  "Предпочитает общение по e-mail.", "Решения принимает головной офис в Москве.",
  "Платит аккуратно, но в последний день.", "Не звонить до 10:00 по местному времени.",
  "Просит КП с «фиксированной» ценой на год.", "Закупки только через тендер (44-ФЗ).",
};

/* Activity subjects per kind (call, meeting, email, presentation, exhibition, event). */
static const char * const hr_subjects[6][4] = {
  { "Provjera zadovoljstva", "Poziv za preporuku", "Naplata dospjelog računa", "Poziv radi dogovora sastanka" },
  { "Sastanak u prostorijama klijenta", "Poslovni ručak", "Sastanak o obnovi ugovora", "Sastanak s nabavom" },
  { "Slanje kataloga", "Odgovor na upit", "Podsjetnik na plaćanje", "Slanje novog cjenika" },
  { "Prezentacija rješenja", "Demonstracija proizvoda", "Prezentacija za upravu", "Prezentacija novosti" },
  { "Sajam Ambienta, Zagreb", "Sajam SASO, Split", "Sajam Gast, Split", "Sajam Interliber, Zagreb" },
  { "Poslovni doručak HGK", "Konferencija Dani ICT-a", "Dan otvorenih vrata", "Radionica za klijente" },
};

static const char * const ru_subjects[6][4] = {
  { "Проверка удовлетворённости", "Просьба о рекомендации", "Звонок по просроченному счёту", "Звонок для назначения встречи" },
  { "Встреча в офисе клиента", "Деловой обед", "Встреча по продлению договора", "Встреча с отделом закупок" },
  { "Отправка каталога", "Ответ на запрос", "Напоминание об оплате", "Отправка нового прайс-листа" },
  { "Презентация решения", "Демонстрация продукта", "Презентация для руководства", "Презентация новинок" },
  { "Выставка «Иннопром», Екатеринбург", "Выставка «ЦИПР», Нижний Новгород", "Выставка «Связь», Москва", "Выставка «Продэкспо», Москва" },
  { "Бизнес-завтрак ТПП", "Конференция «Цифровая индустрия»", "День открытых дверей", "Семинар для клиентов" },
};

static const char * const hr_outcomes[] = {
  "Dogovoren sastanak", "Klijent traži ponudu", "Poslana dokumentacija",
  "Javiti se ponovno za dva tjedna", "Trenutačno nisu zainteresirani",
  "Dobivena preporuka za novog klijenta", "Odluka nakon sjednice uprave",
  "Potvrđeno plaćanje do kraja tjedna",
};

static const char * const ru_outcomes[] = {
  "Договорились о встрече", "Клиент запросил КП", "Отправлены документы",
  "Перезвонить через две недели", "Пока не заинтересованы",
  "Получена рекомендация нового клиента", "Решение после совета директоров",
  "Обещали оплатить до конца недели",
};

/* What happens when a deal enters a stage: activity kind and subject. */
static const struct { const char *kind; const char *hr; const char *ru; } stage_activities[] = {
  { "call", "Prvi poziv", "Первичный звонок" },                                  /* lead */
  { "call", "Upoznavanje i dogovor sastanka", "Знакомство и назначение встречи" }, /* contacted */
  { "meeting", "Analiza potreba", "Выявление потребностей" },                     /* needs */
  { "email", "Slanje ponude", "Отправка коммерческого предложения" },             /* offer */
  { "meeting", "Pregovori o cijeni i rokovima", "Переговоры по цене и срокам" },  /* negotiation */
  { "meeting", "Potpisivanje ugovora", "Подписание договора" },                   /* won */
  { "call", "Povratna informacija o odluci", "Обратная связь по решению" },       /* lost */
};

static const char * const hr_deal_titles[] = {
  "Opremanje ureda", "Godišnji ugovor o održavanju", "Nabava prijenosnih računala",
  "Licence CRM za prodajni tim", "Obnova mrežne opreme", "Uredski namještaj za novu poslovnicu",
  "Edukacija djelatnika", "Potrošni materijal – godišnja nabava", "Uvođenje uredskog paketa",
};

static const char * const ru_deal_titles[] = {
  "Оснащение офиса", "Годовой договор на обслуживание", "Поставка ноутбуков",
  "Лицензии CRM для отдела продаж", "Модернизация сетевого оборудования",
  "Мебель для нового филиала", "Обучение сотрудников", "Расходные материалы — годовая закупка",
  "Внедрение офисного пакета",
};

static const char * const hr_lost_reasons[] = {
  "Cijena previsoka", "Odabrali konkurenciju", "Projekt odgođen", "Nema budžeta",
  "Predug rok isporuke",
};

static const char * const ru_lost_reasons[] = {
  "Слишком высокая цена", "Выбрали конкурента", "Проект отложен", "Нет бюджета",
  "Долгие сроки поставки",
};

static const char * const hr_contract_titles[] = {
  "Ugovor o isporuci opreme", "Ugovor o održavanju", "Okvirni sporazum o nabavi",
  "Ugovor o licenciranju programske opreme", "Ugovor o pružanju usluga",
};

static const char * const ru_contract_titles[] = {
  "Договор поставки оборудования", "Договор на техническое обслуживание", "Рамочный договор поставки",
  "Лицензионный договор", "Договор оказания услуг",
};

/* Complaint descriptions per category, two each. */
static const char * const hr_complaints[6][2] = {
  { "Oštećena roba pri isporuci – 3 komada", "Proizvod ne radi prema specifikaciji" },
  { "Isporuka kasni 10 dana", "Isporučena pogrešna količina" },
  { "Račun ne odgovara ponudi", "Dvostruko naplaćena stavka" },
  { "Serviser nije došao u dogovoreno vrijeme", "Spor odgovor podrške" },
  { "Nedostaje jamstveni list", "Upute nisu na hrvatskom jeziku" },
  { "Neljubazan odgovor na telefonu", "Prigovor na uvjete dostave" },
};

static const char * const ru_complaints[6][2] = {
  { "Товар повреждён при доставке — 3 шт.", "Изделие не соответствует спецификации" },
  { "Поставка задерживается на 10 дней", "Поставлено неверное количество" },
  { "Счёт не соответствует КП", "Позиция выставлена дважды" },
  { "Инженер не приехал в согласованное время", "Медленный ответ техподдержки" },
  { "Нет гарантийного талона", "Инструкция не на русском языке" },
  { "Невежливый ответ по телефону", "Претензия к условиям доставки" },
};

static const char * const hr_resolutions[] = {
  "Roba zamijenjena o našem trošku", "Izdano odobrenje na iznos stavke",
  "Isprika i isporuka ostatka robe", "Dogovoren dodatni servisni posjet",
};

static const char * const ru_resolutions[] = {
  "Товар заменён за наш счёт", "Выставлен корректировочный счёт",
  "Принесли извинения и допоставили товар", "Согласован дополнительный выезд инженера",
};

static const char hr_rejection[] = "Prigovor neosnovan: roba oštećena nakon preuzimanja";
static const char ru_rejection[] = "Претензия необоснованна: повреждение после приёмки";

typedef struct
{
  const char *code;
  const char *name;
  const char *unit;
  gint64      price;    /* minor units */
  gboolean    service;
  gboolean    active;
} DemoProductSpec;

static const DemoProductSpec hr_products[] = {
  { "UR-001", "Uredska stolica, ergonomska", "kom", 24900, FALSE, TRUE },
  { "UR-002", "Radni stol 160 × 80 cm", "kom", 38900, FALSE, TRUE },
  { "IT-100", "Prijenosno računalo 13\" (prethodni model)", "kom", 74900, FALSE, FALSE },
  { "IT-101", "Prijenosno računalo 14\"", "kom", 89900, FALSE, TRUE },
  { "IT-102", "Monitor 27\" QHD", "kom", 27900, FALSE, TRUE },
  { "IT-103", "Multifunkcijski pisač A4", "kom", 45900, FALSE, TRUE },
  { "IT-201", "Mrežni preklopnik, 24 porta", "kom", 32900, FALSE, TRUE },
  { "SW-301", "Licenca CRM, godišnja, po korisniku", "lic.", 18000, FALSE, TRUE },
  { "SW-302", "Uredski paket, godišnja pretplata", "lic.", 9900, FALSE, TRUE },
  { "US-401", "Instalacija i konfiguracija", "sat", 4500, TRUE, TRUE },
  { "US-402", "Održavanje, mjesečni paušal", "mj.", 25000, TRUE, TRUE },
  { "US-403", "Edukacija korisnika (dan)", "dan", 60000, TRUE, TRUE },
  { "PM-501", "Papir A4, 80 g, kutija 5 × 500", "kut.", 2490, FALSE, TRUE },
  { "PM-502", "Toner, crni", "kom", 6900, FALSE, TRUE },
};

static const DemoProductSpec ru_products[] = {
  { "ОФ-001", "Кресло офисное эргономичное", "шт.", 1890000, FALSE, TRUE },
  { "ОФ-002", "Стол рабочий 160 × 80 см", "шт.", 2750000, FALSE, TRUE },
  { "ИТ-101", "Ноутбук 14\"", "шт.", 7990000, FALSE, TRUE },
  { "ИТ-102", "Монитор 27\" QHD", "шт.", 2450000, FALSE, TRUE },
  { "ИТ-103", "МФУ лазерное A4", "шт.", 3800000, FALSE, TRUE },
  { "ИТ-201", "Коммутатор, 24 порта", "шт.", 2900000, FALSE, TRUE },
  { "ПО-301", "Лицензия CRM, годовая, на пользователя", "лиц.", 1440000, FALSE, TRUE },
  { "ПО-302", "Офисный пакет, годовая подписка", "лиц.", 790000, FALSE, TRUE },
  { "УС-401", "Установка и настройка", "час", 350000, TRUE, TRUE },
  { "УС-402", "Обслуживание, абонентская плата", "мес.", 2000000, TRUE, TRUE },
  { "УС-403", "Обучение пользователей (день)", "день", 4500000, TRUE, TRUE },
  { "РМ-501", "Бумага A4, 80 г, коробка 5 × 500", "кор.", 219000, FALSE, TRUE },
};

static const struct
{
  const char *name;
  const char *website;
  const char *strengths;
  const char *weaknesses;
  const char *products;
  const char *price_level;
} competitor_specs[] = {
  { "Adria Office Systems d.o.o.", "https://www.adria-office.hr",
    "Niske cijene, mreža poslovnica u Dalmaciji", "Slaba podrška nakon prodaje",
    "Uredska oprema, pisači, potrošni materijal", "lower" },
  { "Panonija IT d.o.o.", "https://www.panonija-it.hr",
    "Jaki u Slavoniji, brza isporuka", "Uzak asortiman",
    "Prijenosna računala, mrežna oprema", "similar" },
  { "Dalmatinska tehnika d.d.", "https://www.dalmatinska-tehnika.hr",
    "Dugogodišnji odnosi s javnim sektorom", "Spori, birokratski",
    "Računala, servis, održavanje", "similar" },
  { "NordTech Solutions GmbH", "https://www.nordtech.example",
    "Međunarodni brend / международный бренд", "Visoke cijene / высокие цены",
    "Poslužitelji, softver / серверы, ПО", "higher" },
  { "ООО «ТехноПрофи»", "https://technoprofi.example.ru",
    "Агрессивные скидки", "Срывают сроки поставки",
    "Ноутбуки, мониторы, оргтехника", "lower" },
  { "АО «Сибирские системы»", "https://sibsys.example.ru",
    "Сильны за Уралом, свой сервисный центр", "Мало представлены в Москве",
    "Серверы, сервисное обслуживание", "similar" },
  { "ООО «Офис-Комплект»", "https://office-komplekt.example.ru",
    "Широкий ассортимент мебели", "Нет ИТ-направления",
    "Офисная мебель, канцтовары", "lower" },
};

/* The seeder's state */

typedef struct
{
  gint64   id;
  gboolean hr;
  guint    meetings[N_PLAN_MONTHS];
  guint    calls[N_PLAN_MONTHS];
  guint    won[N_PLAN_MONTHS];
  gint64   revenue[N_PLAN_MONTHS];
  guint    new_clients[N_PLAN_MONTHS];
} DemoManager;

typedef struct
{
  gint64                 id;
  gboolean               hr;
  const DemoProductSpec *spec;
} DemoProduct;

typedef struct
{
  KlSession   *session;
  KlDatabase  *db;
  GRand       *rand;        /* everything but who the clients are */
  GRand       *name_rand;   /* names, tax IDs, addresses: never depends on @today */
  GError      *error;

  guint32      today;       /* Julian day */
  gboolean     ru_office;   /* the office is in Russia: Russian clients first */
  int          plan_base;   /* year * 12 + month - 1 of the first plan month */

  KlStore     *manager_store;
  KlStore     *client_store;
  KlStore     *contact_store;
  KlStore     *deal_store;
  KlStore     *activity_store;
  KlStore     *contract_store;
  KlStore     *invoice_store;
  KlStore     *payment_store;
  KlStore     *complaint_store;
  KlStore     *competitor_store;
  KlStore     *product_store;
  KlStore     *price_tier_store;
  KlStore     *offer_store;
  KlStore     *offer_line_store;
  KlStore     *sales_plan_store;

  DemoManager  managers[MAX_MANAGERS];
  guint        n_managers;
  gint64       competitors[MAX_COMPETITORS];
  guint        n_competitors;
  DemoProduct  products[MAX_PRODUCTS];
  guint        n_products;

  GHashTable  *names;
  GHashTable  *tax_ids;

  guint        n_deals;
  guint8       stage_deck[100];   /* final stages, shuffled, drawn in turn */
  guint        stage_deck_pos;
  guint        n_contracts;
  guint        n_invoices;
  guint        n_offers;
  guint        n_complaints;
  guint        n_receipts;
} Seeder;

typedef struct
{
  gint64       id;
  guint        index;
  gboolean     hr;
  gboolean     person;
  DemoManager *manager;
  const char  *status;
  const char  *rating;
  char         segment;
  int          terms;
  const char  *currency;
  int          vat_bp;
  gint64       contacts[3];
  guint        n_contacts;
  guint32      since;
} DemoClient;

/* Who a client is. */
typedef struct
{
  gboolean        hr;
  gboolean        person;
  const char     *legal_form;
  char           *name;
  char           *tax_id;
  const DemoCity *city;
  char           *address;
  char           *postal_code;
  char           *phone;
  char           *email;
  char           *website;
  char           *domain;     /* for contacts' e-mail, companies only */
} Identity;

/* One deal as planned before anything is written. */
typedef struct
{
  int         final;      /* index in kl_deal_stages */
  int         last_open;  /* the furthest funnel stage reached (0 … 4) */
  guint       n_changes;
  int         to[N_FUNNEL + 1];
  guint32     day[N_FUNNEL + 1];
  int         minute[N_FUNNEL + 1];
} DealPlan;

typedef struct
{
  Identity    id;
  DemoClient  c;
  KlEntity   *entity;
  KlEntity   *contacts[3];
  guint       n_contacts;
  DealPlan    plans[MAX_DEALS];
  guint       n_deals;
  const char *forced;      /* contract status the first clients show */
  const char *source;
  gboolean    customer;
} ClientDraft;

typedef struct
{
  const DemoProduct *product;
  gint64             quantity;
  gint64             discount_bp;
} OfferLine;

enum { STAGE_LEAD, STAGE_CONTACTED, STAGE_NEEDS, STAGE_OFFER, STAGE_NEGOTIATION, STAGE_WON, STAGE_LOST };

/* Random helpers */

static int
rint_range (GRand *r,
            int    lo,
            int    hi)
{
  g_assert (lo <= hi);
  return g_rand_int_range (r, lo, hi + 1);
}

static gboolean
chance (GRand  *r,
        double  p)
{
  return g_rand_double (r) < p;
}

#define PICK(r, array) ((array)[g_rand_int_range ((r), 0, G_N_ELEMENTS (array))])

static guint
pick_weighted (GRand       *r,
               const guint *weights,
               guint        n)
{
  guint total = 0;
  guint x;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  x = g_rand_int_range (r, 0, total);
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }

  return n - 1;
}

static const DemoCity *
pick_city (GRand   *r,
           gboolean hr)
{
  const DemoCity *cities = hr ? hr_cities : ru_cities;
  guint n = hr ? G_N_ELEMENTS (hr_cities) : G_N_ELEMENTS (ru_cities);
  guint weights[32];

  g_assert (n <= G_N_ELEMENTS (weights));
  for (guint i = 0; i < n; i++)
    weights[i] = cities[i].weight;

  return &cities[pick_weighted (r, weights, n)];
}

/* Dates: Julian days (GDate) and ISO text */

typedef struct { char s[11]; } DayText;
typedef struct { char s[20]; } TimeText;

static DayText
day_text (guint32 julian)
{
  DayText t;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (t.s, sizeof t.s, "%04d-%02d-%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));

  return t;
}

static TimeText
time_text (guint32 julian,
           int     minute_of_day)
{
  TimeText t;
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  g_snprintf (t.s, sizeof t.s, "%04d-%02d-%02dT%02d:%02d:%02d",
              g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date),
              minute_of_day / 60, minute_of_day % 60, 0);

  return t;
}

static int
day_year (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_get_year (&date);
}

/* Saturdays and Sundays move back to Friday, for things that happened. */
static guint32
workday_back (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  switch (g_date_get_weekday (&date))
    {
    case G_DATE_SATURDAY:
      return julian - 1;
    case G_DATE_SUNDAY:
      return julian - 2;
    default:
      return julian;
    }
}

/* … and forward to Monday, for things that are planned. */
static guint32
workday_forward (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  switch (g_date_get_weekday (&date))
    {
    case G_DATE_SATURDAY:
      return julian + 2;
    case G_DATE_SUNDAY:
      return julian + 1;
    default:
      return julian;
    }
}

static int
plan_month (Seeder  *s,
            guint32  julian)
{
  GDate date;
  int index;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  index = g_date_get_year (&date) * 12 + g_date_get_month (&date) - 1 - s->plan_base;

  return index >= 0 && index < N_PLAN_MONTHS ? index : -1;
}

/* Office hours, on the quarter hour. */
/* @day plus 0 to @max_days, but not after today (evaluates the dice once). */
static guint32
day_after (Seeder  *s,
           guint32  day,
           int      min_days,
           int      max_days)
{
  guint32 later = day + rint_range (s->rand, min_days, max_days);

  return MIN (later, s->today);
}

static int
office_minute (GRand *r)
{
  return rint_range (r, 8 * 4, 17 * 4) * 15;
}

/* Text helpers */

/* Lower-case ASCII for e-mail addresses and web sites: Croatian letters lose
 * their marks, Cyrillic is transliterated, anything else becomes @separator
 * (never doubled, never at the ends; dropped when @separator is 0). */
static void
append_ascii (GString    *out,
              const char *text,
              char        separator)
{
  static const char * const cyrillic[] = {
    "a", "b", "v", "g", "d", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p",
    "r", "s", "t", "u", "f", "kh", "ts", "ch", "sh", "shch", "", "y", "", "e", "yu", "ya",
  };
  gsize start = out->len;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      const char *ascii = NULL;
      char buf[2] = { 0, 0 };

      if (c < 0x80 && g_ascii_isalnum (c))
        {
          buf[0] = (char)c;
          ascii = buf;
        }
      else if (c >= 0x0430 && c <= 0x044F)
        ascii = cyrillic[c - 0x0430];
      else if (c == 0x0451)  /* ё */
        ascii = "e";
      else if (c == 0x010D || c == 0x0107)  /* č ć */
        ascii = "c";
      else if (c == 0x0111)  /* đ */
        ascii = "dj";
      else if (c == 0x0161)  /* š */
        ascii = "s";
      else if (c == 0x017E)  /* ž */
        ascii = "z";

      if (ascii != NULL)
        g_string_append (out, ascii);
      else if (separator != 0 && out->len > start && out->str[out->len - 1] != separator)
        g_string_append_c (out, separator);
    }

  if (out->len > start && out->str[out->len - 1] == separator)
    g_string_truncate (out, out->len - 1);
}

static char *
ascii_slug (const char *text,
            char        separator)
{
  GString *out = g_string_new (NULL);

  append_ascii (out, text, separator);

  return g_string_free (out, FALSE);
}

/* The female form of a Russian surname. */
static void
ru_female_surname (const char *male,
                   char       *out,
                   gsize       size)
{
  gsize len = strlen (male);

  /* "ий" and "ой" are two bytes each in UTF-8 Cyrillic (four bytes). */
  if (len > 4 && (g_str_has_suffix (male, "ий") || g_str_has_suffix (male, "ой")))
    g_snprintf (out, size, "%.*sая", (int)(len - 4), male);
  else
    g_snprintf (out, size, "%sа", male);
}

typedef struct
{
  const char *first;
  const char *patronymic;
  char        last[64];
  gboolean    female;
} DemoPerson;

static void
draw_person (GRand      *r,
             gboolean    hr,
             DemoPerson *p)
{
  p->female = chance (r, 0.45);
  if (hr)
    {
      p->first = p->female ? PICK (r, hr_female) : PICK (r, hr_male);
      p->patronymic = NULL;
      g_strlcpy (p->last, PICK (r, hr_surnames), sizeof p->last);
    }
  else
    {
      const char *surname = PICK (r, ru_surnames);

      p->first = p->female ? PICK (r, ru_female) : PICK (r, ru_male);
      p->patronymic = PICK (r, ru_patronymics)[p->female ? 1 : 0];
      if (p->female)
        ru_female_surname (surname, p->last, sizeof p->last);
      else
        g_strlcpy (p->last, surname, sizeof p->last);
    }
}

static char *
person_email (const DemoPerson *p,
              const char       *domain,
              gboolean          initial)
{
  GString *out = g_string_new (NULL);
  g_autofree char *first = ascii_slug (p->first, 0);

  if (initial)
    g_string_append_c (out, first[0]);
  else
    g_string_append (out, first);
  g_string_append_c (out, '.');
  append_ascii (out, p->last, 0);
  g_string_append_printf (out, "@%s", domain);

  return g_string_free (out, FALSE);
}

static char *
mobile_phone (GRand   *r,
              gboolean hr)
{
  static const char hr_prefixes[] = "125789";

  if (hr)
    return g_strdup_printf ("+385 9%c %03d %04d", hr_prefixes[rint_range (r, 0, 5)],
                            rint_range (r, 100, 999), rint_range (r, 0, 9999));

  return g_strdup_printf ("+7 9%02d %03d-%02d-%02d", rint_range (r, 0, 99),
                          rint_range (r, 100, 999), rint_range (r, 0, 99), rint_range (r, 0, 99));
}

static char *
landline_phone (GRand          *r,
                const DemoCity *city,
                gboolean        hr)
{
  if (hr)
    {
      if (strlen (city->area) == 1)
        return g_strdup_printf ("+385 %s %04d %03d", city->area,
                                rint_range (r, 2000, 6999), rint_range (r, 0, 999));
      return g_strdup_printf ("+385 %s %03d %03d", city->area,
                              rint_range (r, 200, 799), rint_range (r, 0, 999));
    }

  if (strlen (city->area) == 3)
    return g_strdup_printf ("+7 (%s) %03d-%02d-%02d", city->area, rint_range (r, 200, 999),
                            rint_range (r, 0, 99), rint_range (r, 0, 99));
  return g_strdup_printf ("+7 (%s) %02d-%02d-%02d", city->area, rint_range (r, 20, 99),
                          rint_range (r, 0, 99), rint_range (r, 0, 99));
}

/* Tax IDs */

static void
random_digits (GRand *r,
               char  *out,
               guint  n)
{
  for (guint i = 0; i < n; i++)
    out[i] = (char)('0' + rint_range (r, 0, 9));
}

static char *
make_oib (GRand *r)
{
  char oib[12];
  int a = 10;
  int check;

  random_digits (r, oib, 10);
  if (oib[0] == '0')
    oib[0] = '1';

  /* ISO 7064, MOD 11,10 */
  for (guint i = 0; i < 10; i++)
    {
      a = (a + (oib[i] - '0')) % 10;
      if (a == 0)
        a = 10;
      a = (a * 2) % 11;
    }
  check = 11 - a;
  if (check == 10)
    check = 0;
  oib[10] = (char)('0' + check);
  oib[11] = '\0';

  return g_strdup (oib);
}

static int
inn_check (const char *digits,
           const int  *weights,
           guint       n)
{
  int sum = 0;

  for (guint i = 0; i < n; i++)
    sum += (digits[i] - '0') * weights[i];

  return sum % 11 % 10;
}

/* 10 digits for an organisation, 12 for a person or sole trader; the first
 * two are the region, the next two the tax office. */
static char *
make_inn (GRand      *r,
          const char *region,
          gboolean    individual)
{
  static const int w10[] = { 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w11[] = { 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  static const int w12[] = { 3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8 };
  char inn[13];
  int office = rint_range (r, 1, 40);

  inn[0] = region[0];
  inn[1] = region[1];
  inn[2] = (char)('0' + office / 10);
  inn[3] = (char)('0' + office % 10);
  if (individual)
    {
      random_digits (r, inn + 4, 6);
      inn[10] = (char)('0' + inn_check (inn, w11, 10));
      inn[11] = (char)('0' + inn_check (inn, w12, 11));
      inn[12] = '\0';
    }
  else
    {
      random_digits (r, inn + 4, 5);
      inn[9] = (char)('0' + inn_check (inn, w10, 9));
      inn[10] = '\0';
    }

  return g_strdup (inn);
}

/* Writing through the stores */

static KlEntity *
new_entity (GType type)
{
  return g_object_new (type, NULL);
}

static void
set_text (KlEntity   *e,
          const char *column,
          const char *value)
{
  kl_entity_set_text (e, column, value);
}

static void
set_number (KlEntity   *e,
            const char *column,
            gint64      value)
{
  kl_entity_set_number (e, column, value);
}

/* Returns the new row's id, or 0 with s->error set. */
static gint64
save (Seeder   *s,
      KlStore  *store,
      KlEntity *entity)
{
  if (!kl_store_insert (store, entity, &s->error))
    return 0;

  return kl_entity_get_id (entity);
}

static gboolean
exec_backdate (Seeder     *s,
               const char *sql,
               const char *created_at,
               const char *updated_at,
               gint64      id)
{
  g_autoptr(KlCachedStmt) stmt = kl_database_prepare (s->db, sql, &s->error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, created_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, updated_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, id);

  return kl_database_step_done (s->db, stmt, &s->error);
}

/* The fixed part: managers, competitors, products */

static gboolean
seed_managers (Seeder *s,
               guint   n_clients)
{
  typedef struct { const char *name; const char *email; const char *phone; gboolean hr; } Spec;
  static const Spec hr_specs[] = {
    { "Marija Kovačević", "marija.kovacevic@prodaja-demo.hr", "+385 91 456 7821", TRUE },
    { "Алексей Смирнов", "a.smirnov@prodazhi-demo.ru", "+7 916 245-18-37", FALSE },
    { "Đuro Babić", "djuro.babic@prodaja-demo.hr", "+385 98 321 4450", TRUE },
    { "Татьяна Ёлкина", "t.elkina@prodazhi-demo.ru", "+7 903 771-02-64", FALSE },
    { "Šime Jurić", "sime.juric@prodaja-demo.hr", "+385 95 880 1234", TRUE },
  };
  /* A Russian office: its own managers first, and the most of them. */
  static const Spec ru_specs[] = {
    { "Алексей Смирнов", "a.smirnov@prodazhi-demo.ru", "+7 916 245-18-37", FALSE },
    { "Marija Kovačević", "marija.kovacevic@prodaja-demo.hr", "+385 91 456 7821", TRUE },
    { "Татьяна Ёлкина", "t.elkina@prodazhi-demo.ru", "+7 903 771-02-64", FALSE },
    { "Đuro Babić", "djuro.babic@prodaja-demo.hr", "+385 98 321 4450", TRUE },
    { "Игорь Ковалёв", "i.kovalev@prodazhi-demo.ru", "+7 921 318-40-95", FALSE },
  };
  const Spec *specs = s->ru_office ? ru_specs : hr_specs;
  guint n = n_clients >= 1000 ? 5 : 4;

  G_STATIC_ASSERT (G_N_ELEMENTS (hr_specs) == G_N_ELEMENTS (ru_specs));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlEntity) e = new_entity (KL_TYPE_MANAGER);
      DemoManager *m = &s->managers[i];

      set_text (e, "name", specs[i].name);
      set_text (e, "email", specs[i].email);
      set_text (e, "phone", specs[i].phone);
      m->hr = specs[i].hr;
      if ((m->id = save (s, s->manager_store, e)) == 0)
        return FALSE;
    }
  s->n_managers = n;

  return TRUE;
}

static gboolean
seed_competitors (Seeder *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (competitor_specs); i++)
    {
      g_autoptr(KlEntity) e = new_entity (KL_TYPE_COMPETITOR);

      set_text (e, "name", competitor_specs[i].name);
      set_text (e, "website", competitor_specs[i].website);
      set_text (e, "strengths", competitor_specs[i].strengths);
      set_text (e, "weaknesses", competitor_specs[i].weaknesses);
      set_text (e, "products", competitor_specs[i].products);
      set_text (e, "price_level", competitor_specs[i].price_level);
      if ((s->competitors[i] = save (s, s->competitor_store, e)) == 0)
        return FALSE;
    }
  s->n_competitors = G_N_ELEMENTS (competitor_specs);

  return TRUE;
}

static gint64
tier_discount (const DemoProductSpec *spec,
               gint64                 quantity)
{
  if (spec->service)
    return quantity >= 20 ? 500 : 0;
  if (quantity >= 100)
    return 1200;
  if (quantity >= 50)
    return 700;
  if (quantity >= 10)
    return 300;

  return 0;
}

static gboolean
seed_product (Seeder                *s,
              const DemoProductSpec *spec,
              gboolean               hr)
{
  static const gint64 goods_tiers[] = { 10, 50, 100 };
  static const gint64 service_tiers[] = { 20 };
  g_autoptr(KlEntity) e = new_entity (KL_TYPE_PRODUCT);
  DemoProduct *p = &s->products[s->n_products++];
  const gint64 *tiers = spec->service ? service_tiers : goods_tiers;
  guint n_tiers = spec->service ? G_N_ELEMENTS (service_tiers) : G_N_ELEMENTS (goods_tiers);

  g_assert (s->n_products <= MAX_PRODUCTS);
  set_text (e, "code", spec->code);
  set_text (e, "name", spec->name);
  set_text (e, "unit", spec->unit);
  set_number (e, "price", spec->price);
  set_text (e, "currency", hr ? "EUR" : "RUB");
  set_number (e, "vat_rate_bp", hr ? 2500 : 2000);
  set_number (e, "active", spec->active);
  if (!spec->active)
    set_text (e, "notes", hr ? "Zamijenjen novim modelom, prodaja zaliha." : "Снят с производства.");
  p->hr = hr;
  p->spec = spec;
  if ((p->id = save (s, s->product_store, e)) == 0)
    return FALSE;

  for (guint i = 0; i < n_tiers; i++)
    {
      g_autoptr(KlEntity) tier = new_entity (KL_TYPE_PRICE_TIER);

      set_number (tier, "product_id", p->id);
      set_number (tier, "min_quantity", tiers[i]);
      set_number (tier, "discount_bp", tier_discount (spec, tiers[i]));
      if (save (s, s->price_tier_store, tier) == 0)
        return FALSE;
    }

  return TRUE;
}

/* The office's own price list first. */
static gboolean
seed_products (Seeder *s)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean hr = (pass == 0) != s->ru_office;
      const DemoProductSpec *specs = hr ? hr_products : ru_products;
      guint n = hr ? G_N_ELEMENTS (hr_products) : G_N_ELEMENTS (ru_products);

      for (guint i = 0; i < n; i++)
        if (!seed_product (s, &specs[i], hr))
          return FALSE;
    }

  return TRUE;
}

static const DemoProduct *
pick_product (Seeder  *s,
              gboolean hr)
{
  for (;;)
    {
      const DemoProduct *p = &s->products[rint_range (s->rand, 0, s->n_products - 1)];

      if (p->hr == hr && p->spec->active)
        return p;
    }
}

/* Who a client is: drawn from name_rand only */


static void
identity_clear (Identity *id)
{
  g_free (id->name);
  g_free (id->tax_id);
  g_free (id->address);
  g_free (id->postal_code);
  g_free (id->phone);
  g_free (id->email);
  g_free (id->website);
  g_free (id->domain);
}

/* A brand without the legal form, and the words its domain is made of. */
static char *
hr_brand (GRand  *r,
          char  **slug_source)
{
  guint kind = rint_range (r, 0, 99);
  char *brand;

  if (kind < 30)
    brand = g_strdup_printf ("%s %s", PICK (r, hr_roots), PICK (r, hr_activities));
  else if (kind < 40)
    brand = g_strdup_printf ("%s %s", PICK (r, hr_activities), PICK (r, hr_roots));
  else if (kind < 55)
    brand = g_strdup_printf ("%s%s%s", PICK (r, hr_syllables1), PICK (r, hr_syllables2),
                             PICK (r, hr_syllables3));
  else if (kind < 85)
    {
      /* An invented brand and a trade: "Podravita Prehrana" */
      const char *a = PICK (r, hr_syllables1);
      const char *b = PICK (r, hr_syllables2);
      const char *c = PICK (r, hr_syllables3);

      brand = g_strdup_printf ("%s%s%s %s", a, b, c, PICK (r, hr_activities));
    }
  else if (kind < 90)
    brand = g_strdup_printf ("%s i sinovi", PICK (r, hr_surnames));
  else
    brand = g_strdup_printf ("%s & %s", PICK (r, hr_surnames), PICK (r, hr_surnames));

  *slug_source = g_strdup (brand);

  return brand;
}

static char *
ru_brand (GRand *r)
{
  guint kind = rint_range (r, 0, 99);
  const char *prefix = PICK (r, ru_prefixes);
  const char *modifier = PICK (r, ru_modifiers);

  if (kind < 25)
    return g_strdup_printf ("%s%s%s", prefix, PICK (r, ru_roots), modifier);
  if (kind < 60)
    return g_strdup_printf ("%s%s-%s%s", prefix, PICK (r, ru_roots), PICK (r, ru_suffixes), modifier);

  /* "СеверСталь" style */
  return g_strdup_printf ("%s%s%s%s", prefix, PICK (r, ru_roots), PICK (r, ru_suffixes), modifier);
}

/* Names are kept unique where it is cheap: a few draws, then a number. */
static gboolean
claim_name (Seeder     *s,
            const char *name)
{
  if (g_hash_table_contains (s->names, name))
    return FALSE;
  g_hash_table_add (s->names, g_strdup (name));

  return TRUE;
}

static char *
compose_company_name (gboolean    hr,
                      const char *legal_form,
                      const char *brand,
                      const char *owner)
{
  if (hr)
    {
      if (g_str_equal (legal_form, "obrt"))
        return g_strdup_printf ("%s, vl. %s", brand, owner);
      return g_strdup_printf ("%s %s", brand, legal_form);
    }

  if (g_str_equal (legal_form, "ИП"))
    return g_strdup_printf ("ИП %s", owner);

  return g_strdup_printf ("%s «%s»", legal_form, brand);
}

static void
draw_identity (Seeder   *s,
               Identity *id)
{
  static const char * const hr_forms[] = { "d.o.o.", "j.d.o.o.", "obrt", "d.d." };
  static const guint hr_form_weights[] = { 60, 15, 15, 10 };
  static const char * const ru_forms[] = { "ООО", "АО", "ИП", "ПАО" };
  static const guint ru_form_weights[] = { 62, 14, 20, 4 };
  static const char * const hr_mail[] = { "gmail.com", "t-com.hr", "net.hr", "yahoo.com" };
  static const char * const ru_mail[] = { "yandex.ru", "mail.ru", "gmail.com", "rambler.ru" };
  static const char * const hr_mailboxes[] = { "info", "ured", "prodaja", "nabava" };
  static const char * const ru_mailboxes[] = { "info", "office", "zakaz", "snab" };
  GRand *r = s->name_rand;
  g_autofree char *slug = NULL;
  DemoPerson owner;
  gboolean individual;

  memset (id, 0, sizeof *id);
  /* Three clients in five from the office's own country. */
  id->hr = chance (r, 0.6) != s->ru_office;
  id->person = chance (r, 0.15);
  id->city = pick_city (r, id->hr);
  draw_person (r, id->hr, &owner);

  if (id->person)
    {
      for (guint attempt = 0; attempt < 4; attempt++)
        {
          g_clear_pointer (&id->name, g_free);
          if (id->hr || chance (r, 0.5))
            id->name = g_strdup_printf ("%s %s", owner.first, owner.last);
          else
            id->name = g_strdup_printf ("%s %s %s", owner.last, owner.first, owner.patronymic);
          if (claim_name (s, id->name) || attempt == 3)
            break;
          draw_person (r, id->hr, &owner);
        }
      /* Namesakes exist; a person keeps their name. */
      id->email = person_email (&owner, id->hr ? PICK (r, hr_mail) : PICK (r, ru_mail),
                                !id->hr && chance (r, 0.5));
      id->phone = mobile_phone (r, id->hr);
    }
  else
    {
      g_autofree char *owner_name = NULL;
      g_autofree char *slug_source = NULL;

      id->legal_form = id->hr ? hr_forms[pick_weighted (r, hr_form_weights, 4)]
                              : ru_forms[pick_weighted (r, ru_form_weights, 4)];
      if (id->hr)
        owner_name = g_strdup_printf ("%s %s", owner.first, owner.last);
      else
        owner_name = g_strdup_printf ("%s %s %s", owner.last, owner.first, owner.patronymic);

      for (guint attempt = 0; ; attempt++)
        {
          g_autofree char *brand = NULL;

          g_clear_pointer (&slug_source, g_free);
          g_clear_pointer (&id->name, g_free);
          if (id->hr && g_str_equal (id->legal_form, "obrt"))
            {
              /* "Stolarija Horvat, vl. Ivan Horvat" */
              brand = g_strdup_printf ("%s %s", PICK (r, hr_crafts), owner.last);
              slug_source = g_strdup (brand);
            }
          else if (id->hr)
            brand = hr_brand (r, &slug_source);
          else
            {
              brand = ru_brand (r);
              slug_source = g_strdup (brand);
            }

          if (attempt >= 6 && !g_str_equal (id->legal_form, "ИП"))
            {
              /* Still taken: the city, then a number, make it unique. */
              char *longer = attempt == 6 ? g_strdup_printf ("%s %s", brand, id->city->name)
                                          : g_strdup_printf ("%s %u", brand, attempt - 5);

              g_free (brand);
              brand = longer;
            }

          id->name = compose_company_name (id->hr, id->legal_form, brand, owner_name);
          if (claim_name (s, id->name))
            break;

          if (g_str_equal (id->legal_form, "ИП") || g_str_equal (id->legal_form, "obrt"))
            {
              /* Named after the owner: draw another owner. */
              draw_person (r, id->hr, &owner);
              g_free (owner_name);
              if (id->hr)
                owner_name = g_strdup_printf ("%s %s", owner.first, owner.last);
              else if (attempt < 20)
                owner_name = g_strdup_printf ("%s %s %s", owner.last, owner.first, owner.patronymic);
              else
                owner_name = g_strdup_printf ("%s %s %s (%u)", owner.last, owner.first,
                                              owner.patronymic, attempt - 19);
            }
        }

      slug = ascii_slug (slug_source, '-');
      if (slug[0] == '\0')
        {
          g_free (slug);
          slug = g_strdup ("firma");
        }
      id->domain = g_strdup_printf ("%s.%s", slug, id->hr ? "hr" : "ru");
      id->email = g_strdup_printf ("%s@%s", id->hr ? PICK (r, hr_mailboxes) : PICK (r, ru_mailboxes),
                                   id->domain);
      if (chance (r, 0.75))
        id->website = g_strdup_printf ("https://www.%s", id->domain);
      id->phone = landline_phone (r, id->city, id->hr);
    }

  individual = id->person || g_strcmp0 (id->legal_form, "ИП") == 0;
  do
    {
      g_free (id->tax_id);
      id->tax_id = id->hr ? make_oib (r) : make_inn (r, id->city->region, individual);
    }
  while (g_hash_table_contains (s->tax_ids, id->tax_id));
  g_hash_table_add (s->tax_ids, g_strdup (id->tax_id));

  if (id->hr)
    {
      id->address = g_strdup_printf ("%s %d%s", PICK (r, hr_streets), rint_range (r, 1, 180),
                                     chance (r, 0.1) ? "a" : "");
      id->postal_code = g_strdup_printf ("%05d", id->city->postal);
    }
  else
    {
      if (id->person || chance (r, 0.3))
        id->address = g_strdup_printf ("%s, д. %d, кв. %d", PICK (r, ru_streets),
                                       rint_range (r, 1, 150), rint_range (r, 1, 300));
      else
        id->address = g_strdup_printf ("%s, д. %d, оф. %d", PICK (r, ru_streets),
                                       rint_range (r, 1, 150), rint_range (r, 1, 900));
      id->postal_code = g_strdup_printf ("%06d", id->city->postal +
                                         rint_range (r, 0, id->city->postal_span));
    }
}

/* Relations: drawn from s->rand */

static DemoManager *
pick_manager (Seeder  *s,
              gboolean hr)
{
  for (;;)
    {
      DemoManager *m = &s->managers[rint_range (s->rand, 0, s->n_managers - 1)];

      if (m->hr == hr)
        return m;
    }
}

/* Whole units to minor units of the client's currency, RUB at about 95 per EUR. */
static gint64
money (const DemoClient *c,
       gint64            euros)
{
  if (c->hr)
    return euros * 100;

  return (euros * 95 / 10) * 10 * 100;
}

static gint64
round_to (gint64 value,
          gint64 step)
{
  return value / step * step;
}

static void
count_activity (Seeder      *s,
                DemoManager *m,
                const char  *kind,
                guint32      day)
{
  int month = plan_month (s, day);

  if (month < 0)
    return;
  if (g_str_equal (kind, "meeting") || g_str_equal (kind, "presentation"))
    m->meetings[month]++;
  else if (g_str_equal (kind, "call"))
    m->calls[month]++;
}

static int
activity_duration (GRand      *r,
                   const char *kind)
{
  if (g_str_equal (kind, "call"))
    return rint_range (r, 1, 4) * 5;
  if (g_str_equal (kind, "email"))
    return 5;
  if (g_str_equal (kind, "meeting"))
    return rint_range (r, 2, 6) * 15;
  if (g_str_equal (kind, "presentation"))
    return rint_range (r, 3, 8) * 15;
  if (g_str_equal (kind, "exhibition"))
    return 480;

  return rint_range (r, 2, 4) * 60;
}

/* @status NULL: done in the past, planned in the future. */
static gboolean
add_activity (Seeder           *s,
              const DemoClient *c,
              gint64            deal_id,
              const char       *kind,
              const char       *subject,
              guint32           day,
              const char       *status)
{
  g_autoptr(KlEntity) e = new_entity (KL_TYPE_ACTIVITY);
  gboolean past = day <= s->today;
  gint64 contact = c->n_contacts > 0 ? c->contacts[rint_range (s->rand, 0, c->n_contacts - 1)] : 0;
  int minute;
  int duration;

  day = past ? workday_back (day) : workday_forward (day);
  if (status == NULL)
    status = past ? (chance (s->rand, 0.04) ? "cancelled" : "done") : "planned";
  minute = office_minute (s->rand);
  duration = activity_duration (s->rand, kind);

  set_text (e, "kind", kind);
  set_number (e, "client_id", c->id);
  set_number (e, "contact_id", contact);
  set_number (e, "deal_id", deal_id);
  set_number (e, "manager_id", c->manager->id);
  set_text (e, "subject", subject);
  set_text (e, "starts_at", time_text (day, minute).s);
  set_number (e, "duration_minutes", duration);
  set_text (e, "status", status);
  if (g_str_equal (status, "done"))
    {
      /* Done when it ended, not when the demo was made. */
      minute += duration;
      set_text (e, "done_at", time_text (day + minute / (24 * 60), minute % (24 * 60)).s);
      set_text (e, "outcome", c->hr ? PICK (s->rand, hr_outcomes) : PICK (s->rand, ru_outcomes));
      /* About one call or meeting in six asks for a referral (no draw
       * from the generator, so the rest of the demo stays as it was). */
      if ((g_str_equal (kind, "call") || g_str_equal (kind, "meeting")) && (day * 7 + minute) % 6 == 0)
        set_number (e, "referral_asked", 1);
      count_activity (s, c->manager, kind, day);
    }
  else if (g_str_equal (status, "cancelled"))
    set_text (e, "notes", c->hr ? "Klijent otkazao, novi termin po dogovoru." : "Клиент отменил, новая дата по согласованию.");

  return save (s, s->activity_store, e) != 0;
}

/* Contracts, invoices and payments */

static gboolean
add_payment (Seeder     *s,
             gint64      invoice_id,
             guint32     day,
             gint64      amount,
             const char *number)
{
  g_autoptr(KlEntity) e = new_entity (KL_TYPE_PAYMENT);
  g_autofree char *reference = g_strdup_printf ("%s / %u", number, ++s->n_receipts);

  set_number (e, "invoice_id", invoice_id);
  set_text (e, "paid_date", day_text (day).s);
  set_number (e, "amount", amount);
  set_text (e, "reference", reference);

  return save (s, s->payment_store, e) != 0;
}

typedef enum
{
  PAY_DRAW,      /* by the client's credit standing */
  PAY_NONE,
  PAY_PARTIAL,
  PAY_FULL,
} PayMode;

/* @due_in: days from today to the due date (negative: overdue). */
static gboolean
add_invoice (Seeder           *s,
             const DemoClient *c,
             gint64            contract_id,
             guint32           issue,
             guint32           due,
             gint64            amount,
             PayMode           mode)
{
  g_autoptr(KlEntity) e = new_entity (KL_TYPE_INVOICE);
  g_autofree char *number = NULL;
  gint64 id;
  double p_full;

  if (issue > s->today)
    return TRUE;

  s->n_invoices++;
  number = g_strdup_printf ("%s-%d-%06u", c->hr ? "RN" : "СЧ", day_year (issue), s->n_invoices);
  set_text (e, "number", number);
  set_number (e, "client_id", c->id);
  set_number (e, "contract_id", contract_id);
  set_text (e, "issue_date", day_text (issue).s);
  set_text (e, "due_date", day_text (due).s);
  set_number (e, "amount", amount);
  set_text (e, "currency", c->currency);
  if (mode == PAY_DRAW && chance (s->rand, 0.02))
    {
      set_text (e, "status", "cancelled");
      set_text (e, "notes", c->hr ? "Stornirano, izdan novi račun." : "Аннулирован, выставлен новый счёт.");
      return save (s, s->invoice_store, e) != 0;
    }
  if ((id = save (s, s->invoice_store, e)) == 0)
    return FALSE;

  if (mode == PAY_DRAW)
    {
      if (g_str_equal (c->rating, "excellent"))
        p_full = 0.95;
      else if (g_str_equal (c->rating, "good"))
        p_full = 0.85;
      else if (g_str_equal (c->rating, "fair"))
        p_full = 0.7;
      else if (g_str_equal (c->rating, "poor"))
        p_full = 0.45;
      else
        p_full = 0.2;
      if (due > s->today)
        p_full *= 0.35;  /* not due yet: only the early payers */

      if (chance (s->rand, p_full))
        mode = PAY_FULL;
      else if (chance (s->rand, 0.45))
        mode = PAY_PARTIAL;
      else
        mode = PAY_NONE;
    }

  if (mode == PAY_FULL)
    {
      guint32 last = day_after (s, due, 0, 20);
      guint32 day = issue + rint_range (s->rand, 0, MAX (0, (int)last - (int)issue));

      if (amount > 100000 && chance (s->rand, 0.2))
        {
          gint64 first = round_to (amount / 2, 100);

          return add_payment (s, id, issue + (day - issue) / 2, first, number) &&
                 add_payment (s, id, day, amount - first, number);
        }

      return add_payment (s, id, day, amount, number);
    }

  if (mode == PAY_PARTIAL)
    {
      gint64 part = round_to (amount * rint_range (s->rand, 20, 75) / 100, 100);
      guint32 day = issue + rint_range (s->rand, 0, MAX (0, (int)MIN (s->today, due + 15) - (int)issue));

      if (part <= 0)
        part = 1;
      return add_payment (s, id, day, part, number);
    }

  return TRUE;
}

/* The first invoices of the run cover every ageing bucket and every kind
 * of payment, whatever the dice say. */
static gboolean
add_forced_invoices (Seeder           *s,
                     const DemoClient *c,
                     gint64            contract_id,
                     gint64            monthly)
{
  static const struct { int overdue; PayMode mode; } forced[] = {
    { -10, PAY_NONE },     /* not due */
    { 15, PAY_PARTIAL },   /* 0–30 */
    { 45, PAY_NONE },      /* 31–60 */
    { 75, PAY_PARTIAL },   /* 61–90 */
    { 120, PAY_NONE },     /* 90+ */
    { 20, PAY_FULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forced); i++)
    {
      guint32 due = s->today - forced[i].overdue;
      guint32 issue = due - c->terms;

      if (!add_invoice (s, c, contract_id, issue, due, monthly, forced[i].mode))
        return FALSE;
    }

  return TRUE;
}

static gboolean
invoice_contract (Seeder           *s,
                  const DemoClient *c,
                  gint64            contract_id,
                  const char       *status,
                  guint32           start,
                  guint32           end,
                  gint64            annual,
                  int               vat_bp)
{
  gint64 monthly = round_to (annual * (10000 + vat_bp) / 10000 / 12, 100);
  guint n;
  guint32 last;

  if (monthly <= 0)
    return TRUE;

  if (g_str_equal (status, "active"))
    {
      if (s->n_invoices == 0)
        return add_forced_invoices (s, c, contract_id, monthly);
      n = rint_range (s->rand, 1, c->segment == 'A' ? 6 : 4);
      last = s->today;
    }
  else if (g_str_equal (status, "expired"))
    {
      n = rint_range (s->rand, 1, 3);
      last = end;
    }
  else if (g_str_equal (status, "terminated"))
    {
      n = rint_range (s->rand, 1, 2);
      last = end;
    }
  else
    return TRUE;

  for (guint j = 0; j < n; j++)
    {
      int back = j * 30 + rint_range (s->rand, 2, 20);
      guint32 issue;

      if ((gint64)last - back < (gint64)start)
        break;
      issue = workday_back (last - back);
      if (issue < start)
        break;
      if (!add_invoice (s, c, contract_id, issue, issue + c->terms, monthly, PAY_DRAW))
        return FALSE;
    }

  return TRUE;
}

/* @signed_day 0: not signed. Returns the id, or 0 on error. */
static gint64
add_contract (Seeder           *s,
              const DemoClient *c,
              gint64            deal_id,
              const char       *status,
              guint32           signed_day,
              guint32           start,
              guint32           end,
              gint64            amount)
{
  g_autoptr(KlEntity) e = new_entity (KL_TYPE_CONTRACT);
  g_autofree char *number = NULL;
  gint64 id;

  s->n_contracts++;
  number = g_strdup_printf ("%s-%d-%04u", c->hr ? "UG" : "ДГ",
                            day_year (signed_day != 0 ? signed_day : start), s->n_contracts);
  set_text (e, "number", number);
  set_number (e, "client_id", c->id);
  set_number (e, "deal_id", deal_id);
  set_number (e, "manager_id", c->manager->id);
  set_text (e, "title", c->hr ? PICK (s->rand, hr_contract_titles) : PICK (s->rand, ru_contract_titles));
  if (signed_day != 0)
    set_text (e, "signed_date", day_text (signed_day).s);
  set_text (e, "start_date", day_text (start).s);
  set_text (e, "end_date", day_text (end).s);
  set_number (e, "amount", amount);
  set_text (e, "currency", c->currency);
  set_number (e, "vat_rate_bp", c->vat_bp);
  set_number (e, "payment_terms_days", c->terms);
  if (chance (s->rand, 0.2))
    set_number (e, "discount_bp", rint_range (s->rand, 1, 10) * 100);
  set_text (e, "status", status);
  set_number (e, "auto_renew", chance (s->rand, 0.45));
  set_number (e, "notice_days", PICK (s->rand, ((const int[]) { 15, 30, 30, 60, 90 })));
  if (g_str_equal (status, "terminated"))
    set_text (e, "notes", c->hr ? "Raskinut sporazumno prije isteka." : "Расторгнут по соглашению сторон.");

  if ((id = save (s, s->contract_store, e)) == 0)
    return 0;

  if (!invoice_contract (s, c, id, status, start, end, amount, c->vat_bp))
    return 0;

  return id;
}

/* The contracts a client had before the last twelve months' funnel. */
static gboolean
seed_standing_contracts (Seeder     *s,
                         DemoClient *c,
                         const char *forced)
{
  GRand *r = s->rand;
  gint64 annual;
  guint32 start, end;

  switch (c->segment)
    {
    case 'A':
      annual = money (c, rint_range (r, 50, 400) * 1000);
      break;
    case 'B':
      annual = money (c, rint_range (r, 10, 60) * 1000);
      break;
    default:
      annual = money (c, rint_range (r, 10, 120) * 100);
      break;
    }

  if (forced != NULL)
    {
      if (g_str_equal (forced, "draft") || g_str_equal (forced, "sent"))
        {
          start = s->today + rint_range (r, 15, 40);
          return add_contract (s, c, 0, forced, 0, start, start + 364, annual) != 0;
        }
      if (g_str_equal (forced, "signed"))
        {
          start = s->today + rint_range (r, 5, 30);
          return add_contract (s, c, 0, forced, s->today - rint_range (r, 2, 10),
                               start, start + 364, annual) != 0;
        }
      if (g_str_equal (forced, "active"))
        {
          end = s->today + rint_range (r, 10, 25);
          start = end - 364;
          return add_contract (s, c, 0, forced, start - rint_range (r, 3, 20), start, end, annual) != 0;
        }
      if (g_str_equal (forced, "expired"))
        {
          end = s->today - rint_range (r, 30, 200);
          start = end - 364;
          return add_contract (s, c, 0, forced, start - rint_range (r, 3, 20), start, end, annual) != 0;
        }
      end = s->today - rint_range (r, 10, 100);
      start = end - rint_range (r, 90, 300);
      return add_contract (s, c, 0, "terminated", start - rint_range (r, 3, 20), start, end, annual) != 0;
    }

  if (g_str_equal (c->status, "active") || g_str_equal (c->status, "key"))
    {
      end = s->today + (chance (r, 0.12) ? rint_range (r, 1, 30) : rint_range (r, 31, 540));
      start = end - (chance (r, 0.3) ? 729 : 364);
      if (start > s->today)
        start = s->today - rint_range (r, 10, 60);
      if (chance (r, 0.35) &&
          add_contract (s, c, 0, "expired", start - 365 - rint_range (r, 3, 20), start - 365,
                        start - 1, round_to (annual * 9 / 10, 100)) == 0)
        return FALSE;
      return add_contract (s, c, 0, "active", start - rint_range (r, 3, 20), start, end, annual) != 0;
    }

  if (g_str_equal (c->status, "inactive"))
    {
      end = s->today - rint_range (r, 20, 400);
      start = end - 364;
      return add_contract (s, c, 0, "expired", start - rint_range (r, 3, 20), start, end, annual) != 0;
    }

  if (g_str_equal (c->status, "lost") && chance (r, 0.6))
    {
      start = s->today - rint_range (r, 200, 700);
      end = start + rint_range (r, 60, 190);
      return add_contract (s, c, 0, "terminated", start - rint_range (r, 3, 20), start, end, annual) != 0;
    }

  return TRUE;
}

/* Deals */

static void
plan_deal (Seeder   *s,
           DealPlan *plan,
           guint32   not_before)
{
  static const guint final_weights[] = { 12, 10, 8, 8, 7, 10, 45 };
  static const guint lost_at_weights[] = { 30, 25, 20, 15, 10 };
  GRand *r = s->rand;
  int gaps[N_FUNNEL + 1];
  int span = 0;
  guint32 lo, hi, day;

  if (s->n_deals < G_N_ELEMENTS (final_weights))
    {
      /* The first deals of the run show every stage. */
      plan->final = s->n_deals;
      plan->last_open = plan->final == STAGE_LOST ? STAGE_OFFER : MIN (plan->final, STAGE_NEGOTIATION);
    }
  else
    {
      /* A shuffled deck rather than a die: every hundred deals have the
       * funnel's proportions exactly (ten leads per won deal). */
      if (s->stage_deck_pos == 0 || s->stage_deck_pos >= G_N_ELEMENTS (s->stage_deck))
        {
          guint n = 0;

          for (guint stage = 0; stage < G_N_ELEMENTS (final_weights); stage++)
            for (guint k = 0; k < final_weights[stage]; k++)
              s->stage_deck[n++] = stage;
          g_assert (n == G_N_ELEMENTS (s->stage_deck));
          for (guint i = n - 1; i > 0; i--)
            {
              guint j = rint_range (r, 0, i);
              guint8 card = s->stage_deck[i];

              s->stage_deck[i] = s->stage_deck[j];
              s->stage_deck[j] = card;
            }
          s->stage_deck_pos = 0;
        }
      plan->final = s->stage_deck[s->stage_deck_pos++];
      if (plan->final == STAGE_LOST)
        plan->last_open = pick_weighted (r, lost_at_weights, G_N_ELEMENTS (lost_at_weights));
      else
        plan->last_open = MIN (plan->final, STAGE_NEGOTIATION);
    }
  s->n_deals++;

  plan->n_changes = 0;
  for (int i = 0; i <= plan->last_open; i++)
    plan->to[plan->n_changes++] = i;
  if (plan->final >= STAGE_WON)
    plan->to[plan->n_changes++] = plan->final;

  /* At least three days between changes, so moving weekends back to
   * Friday keeps them in order. */
  gaps[0] = 0;
  for (guint i = 1; i < plan->n_changes; i++)
    {
      gaps[i] = plan->to[i] == STAGE_LOST ? rint_range (r, 3, 30) : rint_range (r, 3, 21);
      span += gaps[i];
    }

  hi = s->today - 1 - span;
  lo = plan->final >= STAGE_WON ? s->today - 360 : s->today - 150;
  lo = MAX (lo, not_before);
  if (lo > hi)
    lo = hi;
  day = lo + rint_range (r, 0, hi - lo);
  for (guint i = 0; i < plan->n_changes; i++)
    {
      day += gaps[i];
      plan->day[i] = workday_back (day);
      plan->minute[i] = office_minute (r);
    }
}

static gboolean
write_stage_history (Seeder         *s,
                     gint64          deal_id,
                     const DealPlan *plan)
{
  static const char update_sql[] =
    "UPDATE deal_stage_history SET from_stage = NULL, to_stage = ?, changed_at = ? WHERE deal_id = ?";
  static const char insert_sql[] =
    "INSERT INTO deal_stage_history (deal_id, from_stage, to_stage, changed_at) VALUES (?, ?, ?, ?)";
  static const char backdate_sql[] = "UPDATE deals SET created_at = ?, updated_at = ? WHERE id = ?";
  TimeText first = time_text (plan->day[0], plan->minute[0]);
  TimeText last = time_text (plan->day[plan->n_changes - 1], plan->minute[plan->n_changes - 1]);
  guint i = 0;

  /* The store wrote one change, from nothing to the final stage, dated
   * now: it becomes the first step of the walk through the funnel. */
  {
    g_autoptr(KlCachedStmt) stmt = kl_database_prepare (s->db, update_sql, &s->error);

    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_text (stmt, 1, kl_deal_stages[plan->to[0]], -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, first.s, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 3, deal_id);
    if (!kl_database_step_done (s->db, stmt, &s->error))
      return FALSE;
    if (sqlite3_changes (kl_database_get_handle (s->db)) > 0)
      i = 1;
  }

  for (; i < plan->n_changes; i++)
    {
      g_autoptr(KlCachedStmt) stmt = kl_database_prepare (s->db, insert_sql, &s->error);
      TimeText when = time_text (plan->day[i], plan->minute[i]);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, deal_id);
      if (i > 0)
        sqlite3_bind_text (stmt, 2, kl_deal_stages[plan->to[i - 1]], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, kl_deal_stages[plan->to[i]], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, when.s, -1, SQLITE_TRANSIENT);
      if (!kl_database_step_done (s->db, stmt, &s->error))
        return FALSE;
    }

  return exec_backdate (s, backdate_sql, first.s, last.s, deal_id);
}

static guint
draw_lines (Seeder           *s,
            const DemoClient *c,
            OfferLine        *lines)
{
  guint n = rint_range (s->rand, 1, MAX_LINES);

  for (guint i = 0; i < n; i++)
    {
      const DemoProduct *p = pick_product (s, c->hr);
      const char *unit = p->spec->unit;
      gint64 quantity;

      if (p->spec->service && (g_str_equal (unit, "mj.") || g_str_equal (unit, "мес.")))
        quantity = 12;
      else if (p->spec->service && (g_str_equal (unit, "dan") || g_str_equal (unit, "день")))
        quantity = rint_range (s->rand, 1, 5);
      else if (p->spec->service)
        quantity = rint_range (s->rand, 4, 80);
      else
        quantity = PICK (s->rand, ((const int[]) { 1, 2, 5, 10, 12, 20, 25, 50, 60, 100, 150 }));

      lines[i].product = p;
      lines[i].quantity = quantity;
      lines[i].discount_bp = tier_discount (p->spec, quantity);
    }

  return n;
}

static gint64
lines_net (const OfferLine *lines,
           guint            n,
           gint64           loyalty_bp)
{
  gint64 total = 0;

  for (guint i = 0; i < n; i++)
    total += lines[i].quantity * lines[i].product->spec->price * (10000 - lines[i].discount_bp) / 10000;

  return round_to (total * (10000 - loyalty_bp) / 10000, 100);
}

static gboolean
add_offer (Seeder           *s,
           const DemoClient *c,
           gint64            deal_id,
           const char       *status,
           guint32           issue,
           gint64            loyalty_bp,
           const OfferLine  *lines,
           guint             n_lines)
{
  g_autoptr(KlEntity) e = new_entity (KL_TYPE_OFFER);
  g_autofree char *number = NULL;
  gint64 id;

  s->n_offers++;
  number = g_strdup_printf ("%s-%d-%05u", c->hr ? "PON" : "КП", day_year (issue), s->n_offers);
  set_text (e, "number", number);
  set_number (e, "client_id", c->id);
  set_number (e, "deal_id", deal_id);
  set_number (e, "manager_id", c->manager->id);
  set_text (e, "issue_date", day_text (issue).s);
  set_text (e, "valid_until", day_text (issue + 30).s);
  set_text (e, "currency", c->currency);
  set_number (e, "loyalty_discount_bp", loyalty_bp);
  if (chance (s->rand, 0.25))
    set_number (e, "deferral_days", PICK (s->rand, ((const int[]) { 15, 30, 45, 60 })));
  set_text (e, "status", status);
  if ((id = save (s, s->offer_store, e)) == 0)
    return FALSE;

  for (guint i = 0; i < n_lines; i++)
    {
      g_autoptr(KlEntity) line = new_entity (KL_TYPE_OFFER_LINE);

      set_number (line, "offer_id", id);
      set_number (line, "product_id", lines[i].product->id);
      set_number (line, "position", i + 1);
      set_text (line, "description", lines[i].product->spec->name);
      set_number (line, "quantity", lines[i].quantity);
      set_number (line, "unit_price", lines[i].product->spec->price);
      set_number (line, "discount_bp", lines[i].discount_bp);
      set_number (line, "vat_rate_bp", c->vat_bp);
      if (save (s, s->offer_line_store, line) == 0)
        return FALSE;
    }

  return TRUE;
}

static gboolean
seed_deal (Seeder           *s,
           const DemoClient *c,
           const DealPlan   *plan)
{
  static const int probabilities[] = { 10, 20, 35, 50, 70, 100, 0 };
  GRand *r = s->rand;
  g_autoptr(KlEntity) e = new_entity (KL_TYPE_DEAL);
  OfferLine lines[MAX_LINES];
  guint n_lines = 0;
  gint64 loyalty = 0;
  gint64 amount;
  gint64 deal_id;
  gboolean reached_offer = plan->last_open >= STAGE_OFFER;
  guint32 closed = plan->day[plan->n_changes - 1];
  guint title = rint_range (r, 0, G_N_ELEMENTS (hr_deal_titles) - 1);
  const char *stage = kl_deal_stages[plan->final];

  if (reached_offer || plan->last_open >= STAGE_NEEDS)
    {
      n_lines = draw_lines (s, c, lines);
      if (g_str_equal (c->status, "key"))
        loyalty = rint_range (r, 2, 5) * 100;
      amount = lines_net (lines, n_lines, loyalty);
    }
  else
    amount = money (c, rint_range (r, 5, 800) * 100);

  set_number (e, "client_id", c->id);
  if (c->n_contacts > 0)
    set_number (e, "contact_id", c->contacts[chance (r, 0.7) ? 0 : rint_range (r, 0, c->n_contacts - 1)]);
  set_number (e, "manager_id", c->manager->id);
  set_text (e, "title", c->hr ? hr_deal_titles[title] : ru_deal_titles[title]);
  set_text (e, "stage", stage);
  set_number (e, "amount", amount);
  set_text (e, "currency", c->currency);
  set_number (e, "probability", probabilities[plan->final]);
  set_text (e, "expected_close",
            day_text (plan->final >= STAGE_WON ? closed : s->today + rint_range (r, 7, 90)).s);
  set_number (e, "decision_maker_reached",
              plan->final == STAGE_WON || (plan->last_open >= STAGE_NEEDS && chance (r, 0.7)));
  if (plan->final == STAGE_LOST)
    {
      guint reason = rint_range (r, 0, G_N_ELEMENTS (hr_lost_reasons) - 1);

      set_text (e, "lost_reason", c->hr ? hr_lost_reasons[reason] : ru_lost_reasons[reason]);
      if (reason <= 1 || chance (r, 0.2))
        set_number (e, "competitor_id", s->competitors[rint_range (r, 0, s->n_competitors - 1)]);
    }
  if (plan->final >= STAGE_WON)
    set_text (e, "closed_date", day_text (closed).s);

  if ((deal_id = save (s, s->deal_store, e)) == 0)
    return FALSE;
  if (!write_stage_history (s, deal_id, plan))
    return FALSE;

  /* What the manager did at each step. */
  for (guint i = 1; i < plan->n_changes; i++)
    {
      int to = plan->to[i];

      if (!add_activity (s, c, deal_id, stage_activities[to].kind,
                         c->hr ? stage_activities[to].hr : stage_activities[to].ru,
                         plan->day[i], "done"))
        return FALSE;
    }

  if (plan->final == STAGE_WON)
    {
      int month = plan_month (s, closed);

      if (month >= 0)
        {
          c->manager->won[month]++;
          c->manager->revenue[month] += amount;
        }
    }
  else if (plan->final < STAGE_WON)
    {
      /* The next step: mostly ahead, some already overdue. */
      gboolean overdue = chance (r, 0.15);
      guint32 day = overdue ? s->today - rint_range (r, 1, 10) : s->today + rint_range (r, 1, 21);
      int next = plan->final + 1 <= STAGE_NEGOTIATION ? plan->final + 1 : STAGE_WON;

      if (!add_activity (s, c, deal_id, stage_activities[next].kind,
                         c->hr ? stage_activities[next].hr : stage_activities[next].ru,
                         day, "planned"))
        return FALSE;
    }

  /* Offers */
  if (reached_offer)
    {
      guint32 issue = plan->day[STAGE_OFFER];
      const char *status;

      if (plan->final == STAGE_WON)
        status = "accepted";
      else if (plan->final == STAGE_LOST)
        status = chance (r, 0.8) ? "rejected" : "expired";
      else if (issue + 30 < s->today && plan->final == STAGE_OFFER)
        status = "expired";
      else
        status = "sent";
      if (!add_offer (s, c, deal_id, status, issue, loyalty, lines, n_lines))
        return FALSE;
    }
  else if (plan->final == STAGE_NEEDS && chance (r, 0.3))
    {
      if (!add_offer (s, c, deal_id, "draft", s->today - rint_range (r, 0, 5), loyalty, lines, n_lines))
        return FALSE;
    }

  /* Contracts: won deals are signed, negotiations may have a draft. */
  if (plan->final == STAGE_WON)
    {
      guint32 start = closed + rint_range (r, 0, 30);
      gboolean started = start <= s->today;

      if (add_contract (s, c, deal_id, started ? "active" : "signed", closed,
                        start, start + 364, amount) == 0)
        return FALSE;
    }
  else if (plan->final == STAGE_NEGOTIATION && chance (r, 0.5))
    {
      guint32 start = s->today + rint_range (r, 10, 45);

      if (add_contract (s, c, deal_id, chance (r, 0.5) ? "draft" : "sent", 0,
                        start, start + 364, amount) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Clients */

/* Draws a company's contacts (not written yet: see seed_batch()). */
static void
draft_contacts (Seeder         *s,
                ClientDraft    *d,
                GPtrArray      *entities)
{
  static const char * const roles[] = { "decision_maker", "influencer", "evaluator", "user" };
  GRand *r = s->rand;
  const DemoClient *c = &d->c;
  guint n = g_strcmp0 (d->id.legal_form, "obrt") == 0 || g_strcmp0 (d->id.legal_form, "ИП") == 0
              ? 1 : rint_range (r, 1, 3);

  for (guint i = 0; i < n; i++)
    {
      KlEntity *e = new_entity (KL_TYPE_CONTACT);
      g_autofree char *name = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      DemoPerson p;
      guint role = i == 0 ? 0 : rint_range (r, 1, 3);
      guint position = rint_range (r, 0, 2);

      draw_person (r, c->hr, &p);
      if (c->hr || chance (r, 0.6))
        name = g_strdup_printf ("%s %s", p.first, p.last);
      else
        name = g_strdup_printf ("%s %s %s", p.last, p.first, p.patronymic);
      email = person_email (&p, d->id.domain, !c->hr);
      phone = mobile_phone (r, c->hr);

      set_number (e, "client_id", c->id);
      set_text (e, "name", name);
      set_text (e, "position", c->hr ? hr_positions[role][position][p.female ? 1 : 0]
                                     : ru_positions[role][position]);
      set_text (e, "phone", phone);
      set_text (e, "email", email);
      set_text (e, "role", roles[role]);
      if (chance (r, 0.6))
        set_text (e, "consent_date", day_text (day_after (s, c->since, 0, 30)).s);
      if (chance (r, 0.05))
        set_text (e, "notes", c->hr ? "Govori engleski i njemački." : "Говорит по-английски.");
      d->contacts[d->n_contacts++] = e;
      g_ptr_array_add (entities, e);
    }
}

static gboolean
seed_complaints (Seeder           *s,
                 const DemoClient *c)
{
  static const char * const statuses[] = { "new", "in_progress", "resolved", "rejected" };
  static const guint status_weights[] = { 15, 20, 50, 15 };
  GRand *r = s->rand;
  double p = c->segment == 'A' ? 0.25 : 0.1;
  guint n = s->n_complaints < 6 ? 1 : (chance (r, p) ? rint_range (r, 1, 2) : 0);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KlEntity) e = new_entity (KL_TYPE_COMPLAINT);
      guint category = s->n_complaints < 6 ? s->n_complaints : (guint)rint_range (r, 0, 5);
      guint status = s->n_complaints < 4 ? s->n_complaints
                                         : pick_weighted (r, status_weights, G_N_ELEMENTS (status_weights));
      guint32 received = workday_back (s->today - rint_range (r, 0, 330));

      if (g_str_equal (statuses[status], "resolved") || g_str_equal (statuses[status], "rejected"))
        received = MIN (received, s->today - 5);
      s->n_complaints++;
      set_number (e, "client_id", c->id);
      set_number (e, "product_id", pick_product (s, c->hr)->id);
      set_number (e, "manager_id", c->manager->id);
      set_text (e, "received_date", day_text (received).s);
      set_text (e, "category", kl_complaint_categories[category]);
      set_text (e, "status", statuses[status]);
      set_text (e, "description", c->hr ? hr_complaints[category][rint_range (r, 0, 1)]
                                        : ru_complaints[category][rint_range (r, 0, 1)]);
      if (g_str_equal (statuses[status], "resolved"))
        set_text (e, "resolution", c->hr ? PICK (r, hr_resolutions) : PICK (r, ru_resolutions));
      else if (g_str_equal (statuses[status], "rejected"))
        set_text (e, "resolution", c->hr ? hr_rejection : ru_rejection);
      if (status >= 2)
        set_text (e, "resolved_date",
                  day_text (day_after (s, received, 1, 30)).s);
      if (save (s, s->complaint_store, e) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Who the client is and what will happen to it, before anything is
 * written: clients and contacts go in by the batch. */
static void
draft_client (Seeder      *s,
              guint        index,
              ClientDraft *d)
{
  static const char * const statuses[] = { "prospect", "active", "key", "inactive", "lost" };
  static const guint status_weights[] = { 45, 28, 7, 12, 8 };
  static const char * const forced_contracts[] = { "draft", "sent", "signed", "active", "expired", "terminated" };
  static const char * const forced_statuses[] = { "prospect", "prospect", "active", "active", "inactive", "lost" };
  static const guint deal_weights[] = { 38, 47, 12, 3 };
  static const guint source_weights[] = { 15, 25, 20, 20, 8, 8, 4 };
  static const guint rating_weights[] = { 20, 40, 25, 10, 5 };
  static const int terms_hr[] = { 0, 8, 15, 15, 30, 30, 30, 45, 60, 90 };
  static const int terms_ru[] = { 0, 5, 10, 14, 30, 30, 30, 45, 60 };
  GRand *r = s->rand;
  DemoClient *c = &d->c;
  KlEntity *e;

  draw_identity (s, &d->id);
  d->forced = index < G_N_ELEMENTS (forced_contracts) ? forced_contracts[index] : NULL;
  d->entity = e = new_entity (KL_TYPE_CLIENT);

  c->index = index;
  c->hr = d->id.hr;
  c->person = d->id.person;
  c->currency = c->hr ? "EUR" : "RUB";
  c->vat_bp = c->hr ? 2500 : 2000;
  c->manager = pick_manager (s, c->hr);
  c->status = d->forced != NULL ? forced_statuses[index]
                                : statuses[pick_weighted (r, status_weights, G_N_ELEMENTS (status_weights))];
  d->customer = !g_str_equal (c->status, "prospect");
  c->since = d->customer ? s->today - rint_range (r, 200, 2200) : s->today - rint_range (r, 5, 360);
  c->rating = kl_credit_ratings[pick_weighted (r, rating_weights, G_N_ELEMENTS (rating_weights))];
  c->terms = c->person ? PICK (r, ((const int[]) { 0, 8 }))
                       : c->hr ? PICK (r, terms_hr) : PICK (r, terms_ru);
  if (g_str_equal (c->status, "key"))
    c->segment = 'A';
  else if (c->person)
    c->segment = 'C';
  else
    c->segment = PICK (r, ((const char[]) { 'A', 'B', 'B', 'C', 'C', 'C' }));

  /* The funnel is drawn now: a prospect who wins a deal is a client. */
  d->n_deals = pick_weighted (r, deal_weights, G_N_ELEMENTS (deal_weights));
  if (s->n_deals < 7)
    d->n_deals = MAX (d->n_deals, 1);
  for (guint i = 0; i < d->n_deals; i++)
    {
      plan_deal (s, &d->plans[i], c->since);
      if (d->plans[i].final == STAGE_WON && g_str_equal (c->status, "prospect") && d->forced == NULL)
        c->status = "active";
    }

  d->source = kl_client_sources[pick_weighted (r, source_weights, G_N_ELEMENTS (source_weights))];
  set_text (e, "kind", c->person ? "person" : "company");
  set_text (e, "name", d->id.name);
  set_text (e, "legal_form", d->id.legal_form);
  set_text (e, "tax_id", d->id.tax_id);
  set_text (e, "country", c->hr ? "HR" : "RU");
  set_text (e, "city", d->id.city->name);
  set_text (e, "address", d->id.address);
  set_text (e, "postal_code", d->id.postal_code);
  set_text (e, "phone", d->id.phone);
  set_text (e, "email", d->id.email);
  set_text (e, "website", d->id.website);
  set_text (e, "segment", (const char[]) { c->segment, '\0' });
  set_text (e, "status", c->status);
  set_text (e, "source", d->source);
  set_text (e, "credit_rating", c->rating);
  if (!c->person && !g_str_equal (c->rating, "blocked"))
    set_number (e, "credit_limit", money (c, c->segment == 'A' ? rint_range (r, 5, 50) * 10000
                                             : c->segment == 'B' ? rint_range (r, 10, 50) * 1000
                                                                 : rint_range (r, 0, 10) * 1000));
  set_text (e, "currency", c->currency);
  set_number (e, "payment_terms_days", c->terms);
  set_number (e, "manager_id", c->manager->id);
  if (chance (r, 0.35))
    {
      set_text (e, "next_action", c->hr ? PICK (r, hr_next_actions) : PICK (r, ru_next_actions));
      set_text (e, "next_action_date", day_text (workday_forward (s->today + rint_range (r, -5, 21))).s);
    }
  if (chance (r, 0.1))
    set_text (e, "notes", c->hr ? PICK (r, hr_notes) : PICK (r, ru_notes));
}

/* Everything around a client that is in the database with its contacts. */
static gboolean
seed_client_relations (Seeder      *s,
                       ClientDraft *d)
{
  static const char backdate_sql[] = "UPDATE clients SET created_at = ?, updated_at = ? WHERE id = ?";
  GRand *r = s->rand;
  DemoClient *c = &d->c;
  int month;

  /* Met at a fair or an event in the last year: that is an activity too. */
  if ((g_str_equal (d->source, "exhibition") || g_str_equal (d->source, "event")) &&
      c->since + 365 > s->today &&
      !add_activity (s, c, 0, d->source,
                     (c->hr ? hr_subjects : ru_subjects)[g_str_equal (d->source, "exhibition") ? 4 : 5][rint_range (r, 0, 3)],
                     c->since, "done"))
    return FALSE;

  if ((d->customer || d->forced != NULL) && !seed_standing_contracts (s, c, d->forced))
    return FALSE;

  for (guint i = 0; i < d->n_deals; i++)
    if (!seed_deal (s, c, &d->plans[i]))
      return FALSE;

  /* Looking after existing clients: calls, visits, presentations. */
  if (d->customer)
    {
      static const guint kind_weights[] = { 45, 30, 15, 10 };
      static const char * const kinds[] = { "call", "meeting", "email", "presentation" };
      guint n = g_str_equal (c->status, "key") ? rint_range (r, 2, 5) : rint_range (r, 0, 2);

      for (guint i = 0; i < n; i++)
        {
          guint k = pick_weighted (r, kind_weights, G_N_ELEMENTS (kind_weights));
          const char *subject = (c->hr ? hr_subjects : ru_subjects)[k][rint_range (r, 0, 3)];

          if (!add_activity (s, c, 0, kinds[k], subject, s->today - rint_range (r, 1, 360), NULL))
            return FALSE;
        }
      if (chance (r, 0.3) &&
          !add_activity (s, c, 0, "call", (c->hr ? hr_subjects : ru_subjects)[0][rint_range (r, 0, 3)],
                         s->today + rint_range (r, 1, 21), "planned"))
        return FALSE;

      if (!seed_complaints (s, c))
        return FALSE;
    }

  /* When the client came: the store wrote today. */
  {
    TimeText since = time_text (c->since, office_minute (r));

    if (!exec_backdate (s, backdate_sql, since.s, since.s, c->id))
      return FALSE;
    month = plan_month (s, c->since);
    if (month >= 0)
      c->manager->new_clients[month]++;
  }

  return TRUE;
}

static void
client_draft_clear (ClientDraft *d)
{
  identity_clear (&d->id);
  g_clear_object (&d->entity);
  for (guint i = 0; i < d->n_contacts; i++)
    g_clear_object (&d->contacts[i]);
}

/* Clients and their contacts are written a batch at a time with
 * kl_store_insert_many() (validated as one by one, one audit row each,
 * note "demo"); what refers to them then goes in
 * client by client. */
static gboolean
seed_batch (Seeder *s,
            guint   first,
            guint   n)
{
  g_autofree ClientDraft *drafts = g_new0 (ClientDraft, n);
  g_autoptr(GPtrArray) clients = g_ptr_array_sized_new (n);
  g_autoptr(GPtrArray) contacts = g_ptr_array_sized_new (n * 3);
  gboolean ok = FALSE;

  for (guint i = 0; i < n; i++)
    {
      draft_client (s, first + i, &drafts[i]);
      g_ptr_array_add (clients, drafts[i].entity);
    }
  if (!kl_store_insert_many (s->client_store, (KlEntity **)clients->pdata, clients->len, "demo", &s->error))
    goto out;

  for (guint i = 0; i < n; i++)
    {
      drafts[i].c.id = kl_entity_get_id (drafts[i].entity);
      if (!drafts[i].c.person)
        draft_contacts (s, &drafts[i], contacts);
    }
  if (!kl_store_insert_many (s->contact_store, (KlEntity **)contacts->pdata, contacts->len, "demo", &s->error))
    goto out;

  for (guint i = 0; i < n; i++)
    {
      DemoClient *c = &drafts[i].c;

      for (guint k = 0; k < drafts[i].n_contacts; k++)
        c->contacts[c->n_contacts++] = kl_entity_get_id (drafts[i].contacts[k]);
    }

  for (guint i = 0; i < n; i++)
    if (!seed_client_relations (s, &drafts[i]))
      goto out;

  ok = TRUE;

out:
  for (guint i = 0; i < n; i++)
    client_draft_clear (&drafts[i]);
  return ok;
}

/* Sales plans: what each manager was asked for, month by month */

static gboolean
seed_sales_plans (Seeder *s)
{
  GRand *r = s->rand;

  for (guint i = 0; i < s->n_managers; i++)
    {
      DemoManager *m = &s->managers[i];
      double meetings = 0, calls = 0, won = 0, revenue = 0, new_clients = 0;

      /* What a recent month looked like, for the current and coming ones. */
      for (int k = PLAN_PAST - 3; k < PLAN_PAST; k++)
        {
          meetings += m->meetings[k] / 3.0;
          calls += m->calls[k] / 3.0;
          won += m->won[k] / 3.0;
          revenue += m->revenue[k] / 3.0;
          new_clients += m->new_clients[k] / 3.0;
        }

      for (int k = 0; k < N_PLAN_MONTHS; k++)
        {
          g_autoptr(KlEntity) e = new_entity (KL_TYPE_SALES_PLAN);
          g_autofree char *month = NULL;
          int year_month = s->plan_base + k;
          gboolean past = k < PLAN_PAST;
          double factor = past ? g_rand_double_range (r, 0.85, 1.25) : g_rand_double_range (r, 1.0, 1.2);
          gint64 step = m->hr ? 100000 : 10000000;   /* 1 000 EUR, 100 000 RUB */

          month = g_strdup_printf ("%04d-%02d", year_month / 12, year_month % 12 + 1);
          set_number (e, "manager_id", m->id);
          set_text (e, "month", month);
          set_text (e, "currency", m->hr ? "EUR" : "RUB");
          set_number (e, "revenue_target",
                      round_to ((gint64)((past ? m->revenue[k] : revenue) * factor), step) + step);
          set_number (e, "meetings_target", MAX (4, (gint64)((past ? m->meetings[k] : meetings) * factor)));
          set_number (e, "calls_target", MAX (10, (gint64)((past ? m->calls[k] : calls) * factor)));
          set_number (e, "deals_target", MAX (1, (gint64)((past ? m->won[k] : won) * factor + 0.5)));
          set_number (e, "new_clients_target",
                      MAX (1, (gint64)((past ? m->new_clients[k] : new_clients) * factor + 0.5)));
          /* The key figures' targets, from the same months (no draw). */
          set_number (e, "events_target", 1 + (k + (int)i) % 2);
          set_number (e, "referrals_asked_target",
                      MAX (2, (gint64)((past ? m->calls[k] + m->meetings[k] : calls + meetings) / 6)));
          set_number (e, "referrals_target", 1 + (k + (int)i) % 3);
          set_number (e, "decision_maker_target", 60);
          set_number (e, "meetings_per_deal_target", 6);
          set_number (e, "conversion_target", 10);
          set_number (e, "alternation_target", 50);
          if (save (s, s->sales_plan_store, e) == 0)
            return FALSE;
        }
    }

  return TRUE;
}

/* Bulk mode: checks, cache and the summary triggers as kl-bulk.c says;
 * the summaries are recomputed once at the end. Clients and contacts go in
 * through kl_store_insert_many(), which writes their search documents in
 * bulk. */

/* The own company, so that demo offers and contracts show a whole seller:
 * a Croatian d.o.o. or a Russian ООО by the office, with requisites whose
 * check digits hold. A company already named keeps what it has. */
static gboolean
seed_company (Seeder *s)
{
  g_autoptr(KlCompany) company = kl_company_load (s->db, &s->error);

  if (company == NULL)
    return FALSE;
  if (company->name != NULL && *company->name != '\0')
    return TRUE;

#define SET(field, value) (g_free (company->field), company->field = g_strdup (value))
  if (s->ru_office)
    {
      SET (name, "ООО «Деловые решения»");
      SET (legal_form, "ООО");
      SET (tax_id, "7812456375");
      SET (kpp, "781201001");
      SET (ogrn, "1177847123453");
      SET (address, "ул. Заозёрная, д. 8, офис 214");
      SET (postal_code, "196084");
      SET (city, "Санкт-Петербург");
      SET (phone, "+7 812 555-40-20");
      SET (email, "sales@delovye-resheniya.example.ru");
      SET (bank_name, "ПАО Сбербанк");
      SET (bik, "044030653");
      SET (account, "40702810755000012345");
      SET (corr_account, "30101810050000000653");
    }
  else
    {
      SET (name, "Sjeverna točka d.o.o.");
      SET (legal_form, "d.o.o.");
      SET (tax_id, "47205418368");
      SET (address, "Ulica grada Vukovara 237");
      SET (postal_code, "10000");
      SET (city, "Zagreb");
      SET (phone, "+385 1 555 4020");
      SET (email, "prodaja@sjeverna-tocka.example.hr");
      SET (iban, "HR4023600001102233445");
      SET (bank_name, "Zagrebačka banka d.d.");
    }
#undef SET

  return kl_company_save (company, s->db, NULL, &s->error);
}

static gboolean
seed_all (Seeder *s,
          guint   n_clients)
{
  g_auto(GStrv) triggers = kl_bulk_suspend_triggers (s->db, KL_BULK_TRIGGERS_SUMMARY, &s->error);

  if (triggers == NULL)
    return FALSE;

  if (!seed_company (s) || !seed_managers (s, n_clients) || !seed_competitors (s) || !seed_products (s))
    return FALSE;
  for (guint i = 0; i < n_clients; i += CLIENT_BATCH)
    if (!seed_batch (s, i, MIN (CLIENT_BATCH, n_clients - i)))
      return FALSE;

  return seed_sales_plans (s) &&
         kl_bulk_restore_triggers (s->db, KL_BULK_TRIGGERS_SUMMARY, triggers, &s->error);
}

/* Public API */

static gboolean
parse_today (const char  *today,
             guint32     *julian,
             GError     **error)
{
  g_autofree char *now = NULL;
  int y, m, d;
  GDate date;

  if (today == NULL)
    today = now = kl_database_today ();

  if (!kl_validate_date (today, NULL) || sscanf (today, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_INVALID,
                   _("“%s” is not a date in the form YYYY-MM-DD."), today);
      return FALSE;
    }

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, d, m, y);
  if (g_date_get_julian (&date) < 5000)
    {
      g_set_error (error, KL_VALIDATION_ERROR, KL_VALIDATION_ERROR_RANGE,
                   _("“%s” is too early for demo data."), today);
      return FALSE;
    }
  *julian = g_date_get_julian (&date);

  return TRUE;
}

/**
 * kl_demo_seed:
 * @session: an open session, usually on an empty database
 * @n_clients: how many clients to make
 * @today: (nullable): the ISO date all demo dates are relative to
 *
 * Fills the database with demo data: 4 managers (5 from 1000 clients on),
 * competitors, a price list with quantity tiers, @n_clients Croatian and
 * Russian clients with contacts, a twelve-month deal funnel with its stage
 * history, activities, offers, contracts, invoices and payments,
 * complaints, and monthly sales plans. Everything goes through the stores
 * (validated, audited) in one transaction: on error nothing is left.
 * Document numbers are fixed, so seeding a database twice fails.
 */
gboolean
kl_demo_seed (KlSession   *session,
              guint        n_clients,
              const char  *today,
              GError     **error)
{
  Seeder s = { 0 };
  GDate date;
  KlBulk bulk = { 0 };
  gboolean ok;

  g_return_val_if_fail (KL_IS_SESSION (session), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_today (today, &s.today, error))
    return FALSE;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, s.today);
  s.plan_base = g_date_get_year (&date) * 12 + g_date_get_month (&date) - 1 - PLAN_PAST;

  s.session = session;
  s.ru_office = g_str_equal (kl_session_get_office (session)->country, "RU");
  s.db = kl_session_get_database (session);
  s.rand = g_rand_new_with_seed (BUSINESS_SEED);
  s.name_rand = g_rand_new_with_seed (NAME_SEED);
  s.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.tax_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  s.manager_store = kl_session_get_store (session, KL_TYPE_MANAGER);
  s.client_store = kl_session_get_store (session, KL_TYPE_CLIENT);
  s.contact_store = kl_session_get_store (session, KL_TYPE_CONTACT);
  s.deal_store = kl_session_get_store (session, KL_TYPE_DEAL);
  s.activity_store = kl_session_get_store (session, KL_TYPE_ACTIVITY);
  s.contract_store = kl_session_get_store (session, KL_TYPE_CONTRACT);
  s.invoice_store = kl_session_get_store (session, KL_TYPE_INVOICE);
  s.payment_store = kl_session_get_store (session, KL_TYPE_PAYMENT);
  s.complaint_store = kl_session_get_store (session, KL_TYPE_COMPLAINT);
  s.competitor_store = kl_session_get_store (session, KL_TYPE_COMPETITOR);
  s.product_store = kl_session_get_store (session, KL_TYPE_PRODUCT);
  s.price_tier_store = kl_session_get_store (session, KL_TYPE_PRICE_TIER);
  s.offer_store = kl_session_get_store (session, KL_TYPE_OFFER);
  s.offer_line_store = kl_session_get_store (session, KL_TYPE_OFFER_LINE);
  s.sales_plan_store = kl_session_get_store (session, KL_TYPE_SALES_PLAN);

  /* All or nothing, so the stores' writes need no savepoints of their own. */
  kl_bulk_begin (&bulk, s.db, KL_BULK_NO_CHECKS | KL_BULK_BIG_CACHE);
  ok = kl_database_begin_bulk (s.db, &s.error);
  if (ok)
    {
      ok = seed_all (&s, n_clients) && kl_database_commit (s.db, &s.error);
      if (!ok)
        kl_database_rollback (s.db);
    }
  kl_bulk_end (&bulk);

  if (!ok)
    {
      g_prefix_error (&s.error, _("Could not create the demo data: "));
      g_propagate_error (error, g_steal_pointer (&s.error));
    }

  g_hash_table_unref (s.names);
  g_hash_table_unref (s.tax_ids);
  g_rand_free (s.rand);
  g_rand_free (s.name_rand);

  return ok;
}
