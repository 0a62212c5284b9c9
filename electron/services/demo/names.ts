/** Name pools for the demo station: a diverse Puget Sound delivery team. */
export const FIRST_NAMES = [
  'Aaliyah', 'Abdi', 'Adriana', 'Ahmed', 'Alejandro', 'Amara', 'Andre', 'Anh', 'Armando', 'Ayesha',
  'Brandon', 'Bich Ngoc', 'Carlos', 'Chidi', 'Daniela', 'DeShawn', 'Dmitri', 'Elena', 'Emeka', 'Fatima',
  'Gabriel', 'Grace', 'Hamza', 'Hana', 'Ivan', 'Jamal', 'Jasmine', 'Javier', 'Jenna', 'Jin',
  'Jorge', 'Kateryna', 'Kevin', 'Keyla', 'Kofi', 'Lamar', 'Leilani', 'Luis', 'Malik', 'Mariam',
  'Marcus', 'Mei', 'Miguel', 'Mohammed', 'Nadia', 'Nikolai', 'Olena', 'Omar', 'Priya', 'Rafael',
  'Rashida', 'Ricardo', 'Rosa', 'Samir', 'Sione', 'Sofia', 'Tanisha', 'Tavita', 'Tyler', 'Valentina',
  'Victor', 'Xavier', 'Yasmin', 'Yusuf', 'Zainab', 'Hector', 'Brianna', 'Tuan', 'Kiara', 'Mateo',
] as const;

export const LAST_NAMES = [
  'Abdullahi', 'Alvarez', 'Andersen', 'Bautista', 'Bennett', 'Castillo', 'Chen', 'Cruz', 'Daniels', 'Diallo',
  'Dominguez', 'Douglas', 'Espinoza', 'Faleolo', 'Flores', 'Garcia', 'Gutierrez', 'Haile', 'Hernandez', 'Hoang',
  'Ibrahim', 'Jackson', 'Johnson', 'Kaur', 'Kim', 'Kowalski', 'Le', 'Lopez', 'Mahmoud', 'Martinez',
  'Mendoza', 'Mensah', 'Mohamed', 'Morales', 'Nakamura', 'Nguyen', 'Okafor', 'Ortiz', 'Patel', 'Petrenko',
  'Pham', 'Ramirez', 'Reyes', 'Robinson', 'Rodriguez', 'Romero', 'Santos', 'Sharma', 'Singh', 'Sokolov',
  'Tafuna', 'Tesfaye', 'Thompson', 'Torres', 'Tran', 'Vargas', 'Warsame', 'Washington', 'Williams', 'Yilmaz',
] as const;
