package io.linia.bench;

import java.util.Random;

/** Realistic Russian and English full names and logins, deterministic for a seed. */
public final class Names {

    private static final String[] RU_FIRST = {"Александр", "Мария", "Дмитрий", "Анна", "Сергей", "Елена", "Андрей",
            "Ольга", "Алексей", "Наталья", "Иван", "Татьяна", "Михаил", "Ирина", "Николай", "Светлана", "Павел",
            "Юлия", "Артём", "Екатерина"};
    private static final String[] RU_LAST = {"Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров",
            "Соколов", "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов",
            "Егоров", "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин", "Захаров"};
    private static final String[] RU_LAST_LATIN = {"ivanov", "smirnov", "kuznetsov", "popov", "vasiliev", "petrov",
            "sokolov", "mikhailov", "novikov", "fedorov", "morozov", "volkov", "alekseev", "lebedev", "semenov",
            "egorov", "pavlov", "kozlov", "stepanov", "nikolaev", "orlov", "andreev", "makarov", "nikitin", "zakharov"};
    private static final String[] EN_FIRST = {"James", "Mary", "John", "Patricia", "Robert", "Jennifer", "Michael",
            "Linda", "William", "Elizabeth", "David", "Susan", "Richard", "Jessica", "Joseph", "Sarah"};
    private static final String[] EN_LAST = {"Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller",
            "Davis", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Jackson", "Martin", "Lee", "Clark", "Lewis"};

    /** A generated person: full name and a login unique within its tenant through {@code n}. */
    public record Person(String fullName, String login) {
    }

    private Names() {
    }

    public static Person person(Random random, int n) {
        if (random.nextInt(10) < 8) {
            int last = random.nextInt(RU_LAST.length);
            String first = RU_FIRST[random.nextInt(RU_FIRST.length)];
            boolean female = first.endsWith("а") || first.endsWith("я");
            String lastName = RU_LAST[last] + (female ? "а" : "");
            return new Person(lastName + " " + first, RU_LAST_LATIN[last] + (female ? "a" : "") + "." + n);
        }
        String first = EN_FIRST[random.nextInt(EN_FIRST.length)];
        String last = EN_LAST[random.nextInt(EN_LAST.length)];
        return new Person(first + " " + last, (first.charAt(0) + last).toLowerCase() + "." + n);
    }
}
